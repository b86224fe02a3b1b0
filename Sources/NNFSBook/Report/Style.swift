/// The report's CSS: plain, inline, no external assets.
enum ReportStyle {
    static let css = """
    :root { --fg:#1d2328; --muted:#66707a; --line:#d9dee3; --bg:#fff; --code:#f6f8fa;
            --pass:#1a7f37; --fail:#cf222e; --skip:#8250df; --idle:#6e7781; --bad:#ffebe9; }
    * { box-sizing: border-box; }
    body { font: 16px/1.55 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--fg);
           background: var(--bg); max-width: 1200px; margin: 0 auto; padding: 1.5rem 1rem 4rem; }
    a { color: #0969da; text-decoration: none; } a:hover { text-decoration: underline; }
    h1, h2, h3 { line-height: 1.25; }
    pre, code { font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
    pre { background: var(--code); border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem;
          overflow-x: auto; margin: .4rem 0; }
    pre span { display: block; min-height: 1.45em; }
    pre span.bad { background: var(--bad); }
    pre span.ln { display: inline-block; width: 3.2em; color: var(--muted); user-select: none; }
    pre span.empty { color: var(--muted); font-style: italic; }
    .badge { display: inline-block; font-size: 12px; font-weight: 600; letter-spacing: .03em; color: #fff;
             border-radius: 999px; padding: .05rem .55rem; vertical-align: middle; }
    .badge.pass { background: var(--pass); } .badge.fail { background: var(--fail); }
    .badge.skip { background: var(--skip); } .badge.idle { background: var(--idle); }
    .summary { color: var(--muted); }
    .errors pre, .messages pre { background: #fff8f8; border-color: #f5c2c7; }
    .cell { border: 1px solid var(--line); border-left: 4px solid var(--idle); border-radius: 6px;
            padding: .5rem .8rem; margin: 1rem 0; }
    .cell.pass { border-left-color: var(--pass); } .cell.fail { border-left-color: var(--fail); }
    .cell.skip { border-left-color: var(--skip); }
    .cell header { display: flex; gap: .6rem; align-items: baseline; flex-wrap: wrap; font-size: 14px; color: var(--muted); }
    .cell header strong { color: var(--fg); }
    .outputs { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: .8rem; }
    .outputs h4 { margin: .4rem 0 0; font-size: 13px; color: var(--muted); font-weight: 600; }
    .notes { font-size: 14px; color: var(--muted); margin: .3rem 0; }
    table { border-collapse: collapse; width: 100%; }
    th, td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid var(--line); }
    th { font-size: 13px; color: var(--muted); font-weight: 600; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
    """
}
