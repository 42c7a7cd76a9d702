/** A headline figure of the dashboard. */
export function FigureCard({ label, value, unit, testId }: { label: string; value: string; unit?: string; testId: string }) {
  return (
    <div className="figure">
      <div className="figure-label">{label}</div>
      <div className="figure-value" data-testid={testId}>{value}</div>
      {unit ? <div className="figure-unit">{unit}</div> : null}
    </div>
  );
}
