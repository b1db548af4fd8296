/** The three retrospective questions, keyed as the API stores their answers. */
export const retrospectiveQuestions = [
  { key: 'solution', question: 'How do you like our solution?' },
  { key: 'learned', question: 'Did you learn anything new?' },
  { key: 'change', question: 'What would you change from here?' },
] as const;
