// The queries both search benchmarks type (scripts/search-bench.mjs per query,
// scripts/bench-search.mjs for scripts/bench): words, a typo, no diacritics, numbers, codes.
export const BENCH_QUERIES = [
  'iestāžu sadarbība',
  'kiberdrosiba',
  'valsts policija',
  'cilvēku tirdzniecība',
  'apmacibas',
  'kibredrosiba',
  '1.21',
  'CERT.LV',
  '06.01.00',
  'ugunsdzesibas depo',
];
