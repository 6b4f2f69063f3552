package dev.xent.cli.report;

/**
 * The report's style sheet, inlined into the page. System fonts only; one column on a phone, two side by side
 * from 900 px; wide tables scroll inside their own box so the page never scrolls sideways.
 */
final class ReportStyle {
  private ReportStyle() {}

  static final String CSS = """
      :root { --fg:#1f2937; --muted:#6b7280; --line:#e5e7eb; --accent:#1e40af; --s1:#2563eb; --s2:#ea580c; --bad:#dc2626; }
      * { box-sizing:border-box; }
      html { -webkit-text-size-adjust:100%; }
      body { margin:0; color:var(--fg); background:#f9fafb; font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif; }
      main { max-width:1160px; margin:0 auto; padding:20px 16px 40px; }
      header h1 { margin:0 0 8px; font-size:1.7rem; line-height:1.2; overflow-wrap:anywhere; }
      .kicker { margin:0; color:var(--muted); text-transform:uppercase; letter-spacing:.06em; font-size:.75rem; }
      h2 { font-size:1.25rem; margin:0 0 8px; }
      h3 { font-size:1rem; margin:18px 0 6px; }
      section { background:#fff; border:1px solid var(--line); border-radius:10px; padding:16px; margin:16px 0; }
      section.cards { display:grid; grid-template-columns:repeat(auto-fit,minmax(150px,1fr)); gap:12px; background:none; border:0; padding:0; }
      .card { background:#fff; border:1px solid var(--line); border-radius:10px; padding:12px 14px; }
      .card-name { color:var(--muted); font-size:.8rem; text-transform:uppercase; letter-spacing:.04em; }
      .card-value { font-size:1.6rem; font-weight:600; font-variant-numeric:tabular-nums; }
      .card-note { color:var(--muted); font-size:.8rem; overflow-wrap:anywhere; }
      .lead { font-size:1.02rem; margin:4px 2px 0; }
      .grid2 { display:grid; grid-template-columns:1fr; gap:16px; align-items:start; }
      @media (min-width:900px) { .grid2 { grid-template-columns:1fr 1fr; } }
      .grid2 > * { min-width:0; }
      figure { margin:0; min-width:0; }
      figcaption { color:var(--muted); font-size:.85rem; text-align:center; }
      svg.chart { display:block; width:100%; height:auto; margin:0 auto; font-family:inherit; }
      .scroll { overflow-x:auto; max-width:100%; }
      table { border-collapse:collapse; width:100%; font-variant-numeric:tabular-nums; font-size:.9rem; }
      th, td { text-align:left; padding:5px 10px; border-bottom:1px solid var(--line); white-space:nowrap; }
      td:last-child { white-space:normal; min-width:8em; }
      thead th { color:var(--muted); font-weight:600; font-size:.8rem; }
      .num { text-align:right; }
      tr.total td { font-weight:600; }
      table.kv th { color:var(--muted); font-weight:500; width:40%; }
      table.kv td { overflow-wrap:anywhere; white-space:normal; font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; font-size:.82rem; }
      details summary { cursor:pointer; color:var(--accent); margin-top:10px; }
      footer { color:var(--muted); font-size:.8rem; text-align:center; }
      .tick { font-size:13px; fill:#4b5563; }
      .axis-title { font-size:13px; fill:#374151; }
      .legend { font-size:13px; fill:#374151; }
      .muted { font-size:13px; fill:#6b7280; }
      .grid { stroke:#eef0f3; stroke-width:1; }
      .axis { stroke:#9ca3af; stroke-width:1; }
      .curve { fill:none; stroke-width:2.2; stroke-linejoin:round; }
      .curve.s1 { stroke:var(--s1); } .curve.s2 { stroke:var(--s2); stroke-dasharray:6 3; }
      .dot.s1, .key.s1 { fill:var(--s1); } .dot.s2, .key.s2 { fill:var(--s2); }
      .cell { stroke:#fff; stroke-width:1; }
      .cell-text { font-size:13px; fill:#111827; }
      .cell-text.on-dark { fill:#fff; }
      .bar { fill:#3b82f6; opacity:.85; }
      .gap { fill:var(--bad); opacity:.35; }
      .hist { fill:#9ca3af; }
      .conf { stroke:#111827; stroke-width:2; }
      .diagonal { stroke:#6b7280; stroke-width:1.2; stroke-dasharray:5 4; }
      """;
}
