export { csvLine, parseCsv } from './csv-format.js';
export type { CsvField } from './csv-format.js';
export { exportChargesCsv, exportPaymentsCsv } from './export-csv.js';
export {
  CHARGE_CSV_HEADER,
  chargesToCsv,
  PAYMENT_CSV_HEADER,
  parseChargesCsv,
  parsePaymentsCsv,
  paymentsToCsv,
} from './ledger-csv.js';
export type { CsvOptions } from './ledger-csv.js';
