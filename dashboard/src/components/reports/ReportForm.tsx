import type { FormEvent } from 'react';
import { useCreateReportMutation } from '../../data/reports/create-report-mutation';
import { formatRange, rangeDays, type RangeState } from '../../lib/date-range';
import { hrefWith, navigate } from '../../lib/url-state';
import { RangePicker } from '../RangePicker';

/** Days chosen with the shared range picker (kept in the URL), then one button to make their report. */
export function ReportForm({ state }: { state: RangeState }) {
  const create = useCreateReportMutation();
  const make = () => create.mutate(state.range, { onSuccess: (report) => navigate(hrefWith({ report: report.id })) });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    make();
  };
  return (
    <div className="report-form">
      <RangePicker state={state} />
      <form onSubmit={submit} aria-label="Make a report">
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? 'Making the report…' : `Make a report of ${formatRange(state.range)}`}
        </button>
      </form>
      <p className="hint">Compared with the {rangeDays(state.range)} days just before.</p>
      {create.isError && (
        <p role="alert">
          Could not make the report: {create.error.message}{' '}
          <button type="button" onClick={make}>
            Retry
          </button>
        </p>
      )}
    </div>
  );
}
