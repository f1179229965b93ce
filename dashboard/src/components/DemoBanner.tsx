import { useDemoQuery } from '../data/demo/demo-query';

/** Says plainly, on every page, when the figures come from the simulator rather than from Meta. */
export function DemoBanner() {
  const demo = useDemoQuery();
  if (!demo.data?.enabled) return null;
  return (
    <div role="note" className="demo-banner" data-testid="demo-banner">
      <strong>Demo workspace.</strong> {demo.data.note}
    </div>
  );
}
