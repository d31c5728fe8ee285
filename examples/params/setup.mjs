import 'gradcheck/vitest';
