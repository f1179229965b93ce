import { useMemo, useState } from 'react';

/** Every IANA zone the browser knows, UTC first. */
function allZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...zones.filter((z) => z !== 'UTC')];
}

type Props = { value: string; disabled?: boolean; onChange(zone: string): void };

/** A search box narrowing a list of zones ("madrid", "new york"); the current zone stays listed. */
export function TimeZonePicker({ value, disabled, onChange }: Props) {
  const zones = useMemo(allZones, []);
  const [search, setSearch] = useState('');
  const words = search.trim().toLowerCase().replace(/\s+/g, '_');
  const shown = words ? zones.filter((z) => z.toLowerCase().includes(words) || z === value) : zones;
  const listed = shown.includes(value) ? shown : [value, ...shown];
  return (
    <div className="tz-picker">
      <label>
        Search time zones
        <input
          type="search"
          value={search}
          disabled={disabled}
          placeholder="Madrid, New York…"
          onChange={(e) => {
            setSearch(e.target.value);
            const q = e.target.value.trim().toLowerCase().replace(/\s+/g, '_');
            const first = q ? zones.find((z) => z.toLowerCase().includes(q)) : undefined;
            if (first) onChange(first);
          }}
        />
      </label>
      {/* a label beside the list, not around it: around it, its name would read every zone */}
      <label htmlFor="time-zone">Time zone</label>
      <select id="time-zone" size={6} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
        {listed.map((z) => (
          <option key={z} value={z}>
            {z.replace(/_/g, ' ')}
          </option>
        ))}
      </select>
      <p className="hint">
        {words && shown.length === 0 ? `No time zone matches “${search}”. ` : ''}
        {listed.length} zone{listed.length === 1 ? '' : 's'} listed.
      </p>
    </div>
  );
}
