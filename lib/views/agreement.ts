// View models of the agreement dashboard: what the use cases hand the pages and components.
import type { AgreementReport } from "../domain/agreement/report";

export interface AgreementSlice {
  key: string;
  report: AgreementReport;
}
