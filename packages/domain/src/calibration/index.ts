export * from './calibration.ts';
export * from './krippendorff-alpha.ts';
