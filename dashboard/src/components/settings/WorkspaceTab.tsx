import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Me } from '../../data/auth/me-query';
import { useUpdateWorkspaceMutation, type WorkspaceChanges } from '../../data/workspace/update-workspace-mutation';
import { useWorkspaceQuery, type AttributionModel, type WorkspaceSettings } from '../../data/workspace/workspace-query';
import { formatPercent } from '../../lib/number-format';
import { roleAtLeast } from '../../lib/roles';
import { QueryStatus } from '../QueryStatus';
import { TimeZonePicker } from './TimeZonePicker';
import './workspace-settings.css';

/** The workspace's name, time zone, attribution and block-rate alert: admins change them, others read. */
export function WorkspaceTab({ me }: { me: Me }) {
  const workspace = useWorkspaceQuery();
  const canWrite = roleAtLeast(me.current.role, 'admin');
  return (
    <section className="card" aria-labelledby="workspace-title">
      <h2 id="workspace-title">Workspace</h2>
      <QueryStatus query={workspace} what="the workspace settings" empty={null} isEmpty={() => false}>
        {(settings) => (
          <>
            <RecomputeStatus recomputing={settings.recomputing} />
            {!canWrite && (
              <p role="note">Only admins and owners can change these settings; your role is {me.current.role}.</p>
            )}
            <WorkspaceForm key={settings.id} settings={settings} canWrite={canWrite} />
          </>
        )}
      </QueryStatus>
    </section>
  );
}

/** While the API recomputes, says so; when it is over, every figure query is fetched again. */
function RecomputeStatus({ recomputing }: { recomputing: boolean }) {
  const client = useQueryClient();
  const was = useRef(recomputing);
  const [done, setDone] = useState(false);
  useEffect(() => {
    if (was.current && !recomputing) {
      // the figures of every page moved: their keys (overview, campaigns, ref-links…) share no root
      void client.invalidateQueries();
      setDone(true);
    }
    if (recomputing) setDone(false);
    was.current = recomputing;
  }, [recomputing, client]);
  if (recomputing)
    return (
      <p role="status" className="recompute-note" data-testid="recomputing">
        Figures are being recomputed for the new settings: until this note goes, some figures may be incomplete.
      </p>
    );
  return done ? (
    <p role="status" className="recompute-note">
      Figures are recomputed: every page shows them under the new settings.
    </p>
  ) : null;
}

const MODEL_HELP: Record<AttributionModel, string> = {
  first_touch: 'First touch: a conversion is credited to the ad, link or QR code that opened the conversation.',
  last_touch: 'Last touch: a conversion is credited to the latest ad, link or QR code before it.',
};

function WorkspaceForm({ settings, canWrite }: { settings: WorkspaceSettings; canWrite: boolean }) {
  const update = useUpdateWorkspaceMutation();
  const [name, setName] = useState(settings.name);
  const [timeZone, setTimeZone] = useState(settings.timeZone);
  const [model, setModel] = useState<AttributionModel>(settings.attributionModel);
  const [windowDays, setWindowDays] = useState(String(settings.attributionWindowDays));
  const [thresholdPercent, setThresholdPercent] = useState(String(round(settings.blockRateThreshold * 100)));
  const [minContacts, setMinContacts] = useState(String(settings.blockRateMinContacts));

  const changes: WorkspaceChanges = {};
  if (name.trim() !== settings.name) changes.name = name.trim();
  if (timeZone !== settings.timeZone) changes.timeZone = timeZone;
  if (model !== settings.attributionModel) changes.attributionModel = model;
  if (Number(windowDays) !== settings.attributionWindowDays) changes.attributionWindowDays = Number(windowDays);
  if (round(Number(thresholdPercent)) !== round(settings.blockRateThreshold * 100))
    changes.blockRateThreshold = round(Number(thresholdPercent)) / 100;
  if (Number(minContacts) !== settings.blockRateMinContacts) changes.blockRateMinContacts = Number(minContacts);
  const recomputes = 'timeZone' in changes || 'attributionModel' in changes || 'attributionWindowDays' in changes;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (Object.keys(changes).length > 0) update.mutate(changes);
  };
  return (
    <form className="workspace-form" onSubmit={submit} aria-label="Workspace settings">
      <fieldset disabled={!canWrite}>
        <label>
          Workspace name
          <input required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
        </label>

        <fieldset>
          <legend>Time zone</legend>
          <p className="hint">
            Days in every figure, chart and report start at midnight here. Changing it files every daily figure again
            under the new zone: a contact at 23:30 UTC may move to the next day.
          </p>
          <TimeZonePicker value={timeZone} disabled={!canWrite} onChange={setTimeZone} />
        </fieldset>

        <fieldset>
          <legend>Attribution</legend>
          {(['first_touch', 'last_touch'] as const).map((m) => (
            <label key={m} className="radio">
              <input type="radio" name="model" value={m} checked={model === m} onChange={() => setModel(m)} />
              {MODEL_HELP[m]}
            </label>
          ))}
          <label>
            Window (days)
            <input
              type="number"
              min={1}
              max={90}
              step={1}
              required
              value={windowDays}
              aria-describedby="window-help"
              onChange={(e) => setWindowDays(e.target.value)}
            />
          </label>
          <p id="window-help" className="hint">
            A touch earns the credit only if it lies at most this many days before the conversion; otherwise the
            conversion counts as uncredited. Changing the model or window credits every past conversion again, so the
            conversions of campaigns and ref links can move between them.
          </p>
        </fieldset>

        <fieldset>
          <legend>Block-rate alert</legend>
          <label>
            Threshold (%)
            <input
              type="number"
              min={0.1}
              max={99.9}
              step={0.1}
              required
              value={thresholdPercent}
              onChange={(e) => setThresholdPercent(e.target.value)}
            />
          </label>
          <label>
            Minimum new contacts
            <input
              type="number"
              min={1}
              max={100000}
              step={1}
              required
              value={minContacts}
              onChange={(e) => setMinContacts(e.target.value)}
            />
          </label>
          <p className="hint">
            A page, campaign or ref whose new contacts blocked the page more than{' '}
            {formatPercent(Number(thresholdPercent) / 100)} of the time over the last 7 days raises an alert, once it
            has at least {minContacts || '…'} new contacts.
          </p>
        </fieldset>
      </fieldset>
      {canWrite && (
        <>
          {recomputes && (
            <p className="hint" role="note">
              Saving recomputes the figures in the background: pages may show incomplete figures for a moment.
            </p>
          )}
          {update.error && <p role="alert">{update.error.message}</p>}
          {update.isSuccess && (
            <p role="status">
              {settings.recomputing
                ? 'Saved. Figures are being recomputed in the background; they may be incomplete until the note above goes.'
                : 'Saved.'}
            </p>
          )}
          <button type="submit" disabled={update.isPending || Object.keys(changes).length === 0}>
            {update.isPending ? 'Saving…' : 'Save settings'}
          </button>
        </>
      )}
    </form>
  );
}

const round = (n: number) => Math.round(n * 10) / 10;
