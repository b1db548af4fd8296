export const score = () => 0;
