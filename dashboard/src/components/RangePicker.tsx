import { useEffect, useState, type FormEvent } from 'react';
import {
  PRESETS,
  presetOf,
  presetRange,
  rangeParams,
  rangeProblem,
  today,
  type Comparison,
  type PresetId,
  type RangeState,
} from '../lib/date-range';
import { hrefWith, navigate } from '../lib/url-state';

const go = (state: RangeState) => navigate(hrefWith(rangeParams(state)));

/** Presets, a custom from–to and the comparison; every choice goes into the URL. */
export function RangePicker({ state }: { state: RangeState }) {
  const day = today();
  const preset = presetOf(state.range, day);
  const [custom, setCustom] = useState(preset === 'custom');
  const [from, setFrom] = useState(state.range.from);
  const [to, setTo] = useState(state.range.to);
  // the URL can change under the form (back button, a preset): show what it says
  useEffect(() => {
    setFrom(state.range.from);
    setTo(state.range.to);
    setCustom(preset === 'custom');
  }, [state.range.from, state.range.to, preset]);

  const choose = (value: string) => {
    if (value === 'custom') return setCustom(true);
    setCustom(false);
    go({ ...state, range: presetRange(value as PresetId, day) });
  };
  const problem = rangeProblem(from, to);
  const apply = (event: FormEvent) => {
    event.preventDefault();
    if (!problem) go({ ...state, range: { from, to } });
  };

  return (
    <form className="range-picker" onSubmit={apply} aria-label="Date range">
      <label>
        Dates
        <select value={custom ? 'custom' : preset} onChange={(e) => choose(e.target.value)}>
          {PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
          <option value="custom">Custom…</option>
        </select>
      </label>
      {(custom || preset === 'custom') && (
        <>
          <label>
            From
            <input type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label>
            To
            <input type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} />
          </label>
          <button type="submit" disabled={problem !== null}>
            Apply
          </button>
          {problem && from && to && <span className="hint">{problem}</span>}
        </>
      )}
      <label>
        Compare with
        <select value={state.comparison} onChange={(e) => go({ ...state, comparison: e.target.value as Comparison })}>
          <option value="off">Nothing</option>
          <option value="previous">Previous period</option>
        </select>
      </label>
    </form>
  );
}
