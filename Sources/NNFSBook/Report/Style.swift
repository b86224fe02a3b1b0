/// The report's CSS, inline in every page: a book-like reading column with the chapter's table of
/// contents beside it (above it on a phone), a dark scheme that follows the system setting, and a
/// print stylesheet. Passing cells are quiet; failing ones stand out.
enum ReportStyle {
    static let css = """
    :root { color-scheme: light dark;
            --fg:#1d2328; --muted:#59636e; --line:#d9dee3; --bg:#fdfcf9; --panel:#ffffff; --code:#f4f5f7;
            --link:#0b5cc4; --pass:#1a7f37; --fail:#cf222e; --skip:#8250df; --idle:#6e7781; --exp:#9a6700;
            --bad:#ffebe9; --mark:#ffd8a8; --kw:#8f1f8f; --str:#2f6f2a; --num:#8f4700; --com:#555e68;
            --type:#0a5a7f; --fn:#2456c7; }
    @media (prefers-color-scheme: dark) {
      :root { --fg:#e4e6e9; --muted:#a1a9b3; --line:#39414a; --bg:#16191d; --panel:#1d2126; --code:#22272e;
              --link:#7cb7ff; --pass:#3fb950; --fail:#ff7b72; --skip:#c297ff; --idle:#8b949e; --exp:#d29922;
              --bad:#4a1f23; --mark:#6b4a12; --kw:#e08ef0; --str:#98d982; --num:#f0a95b; --com:#9aa4ae;
              --type:#6cc7f0; --fn:#8fb8ff; }
      .badge.pass, .badge.fail, .badge.skip, .badge.idle, .badge.experiment { color: #0d1117; }
    }
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; }
    body { font: 17px/1.6 Charter, "Bitstream Charter", "Iowan Old Style", Georgia, "DejaVu Serif", serif;
           color: var(--fg); background: var(--bg); margin: 0; }
    a { color: var(--link); text-decoration: none; } a:hover { text-decoration: underline; }
    h1, h2, h3, h4, .kicker, .toc, .pager, .cell header, .badge, .status, .pane-title, figcaption, table, .meta {
      font-family: -apple-system, "Segoe UI", "DejaVu Sans", Helvetica, Arial, sans-serif; }
    h1 { font-size: 2.1rem; line-height: 1.2; margin: .2rem 0 .6rem; }
    h2 { font-size: 1.45rem; margin: 2.2rem 0 .6rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
    h3 { font-size: 1.15rem; margin: 1.6rem 0 .4rem; }
    h2, h3, .cell { scroll-margin-top: 1rem; }
    .skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: 1rem; background: var(--panel); padding: .3rem .6rem; z-index: 2; }
    .top, footer { max-width: 1180px; margin: 0 auto; padding: .8rem 1.2rem; }
    .pager { display: flex; justify-content: space-between; gap: 1rem; font-size: 15px; }
    .pager a { max-width: 40%; }
    footer { border-top: 1px solid var(--line); margin-top: 3rem; }
    .layout { max-width: 1180px; margin: 0 auto; padding: 0 1.2rem 2rem; display: grid;
              grid-template-columns: 15rem minmax(0, 1fr); gap: 2.5rem; }
    .toc { position: sticky; top: 1rem; align-self: start; max-height: calc(100vh - 2rem); overflow-y: auto; font-size: 14px; }
    .toc-title { font-weight: 600; color: var(--muted); margin: .4rem 0; }
    .toc ol { list-style: none; padding: 0; margin: 0; }
    .toc li { margin: .25rem 0; } .toc li.l3 { padding-left: .9rem; font-size: 13px; }
    main { min-width: 0; max-width: 50rem; }
    main.index { margin: 0 auto; padding: 2rem 1.2rem 4rem; }
    .kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 13px; color: var(--muted); margin: 1.2rem 0 0; }
    .status, .summary { color: var(--muted); font-size: 15px; }
    p, li { hyphens: auto; }
    blockquote { margin: 1rem 0; padding: .2rem 1rem; border-left: 3px solid var(--line); color: var(--muted); font-size: 15px; }
    pre, code { font: 13.5px/1.5 ui-monospace, SFMono-Regular, Menlo, "DejaVu Sans Mono", Consolas, monospace; }
    :not(pre) > code { background: var(--code); border-radius: 4px; padding: .05rem .3rem; }
    pre { background: var(--code); border: 1px solid var(--line); border-radius: 6px; padding: .55rem .8rem;
          overflow-x: auto; margin: .4rem 0; color: var(--fg); }
    .outputs pre span, .messages pre span, details pre span { display: block; min-height: 1.5em; }
    pre span.bad { background: var(--bad); }
    pre mark { background: var(--mark); color: inherit; border-radius: 2px; }
    pre span.ln { display: inline-block; width: 3.2em; color: var(--muted); user-select: none; }
    pre span.empty { color: var(--muted); font-style: italic; }
    .badge { display: inline-block; font-size: 12px; font-weight: 600; letter-spacing: .03em; color: #fff;
             border-radius: 999px; padding: .05rem .55rem; vertical-align: middle; }
    .badge.pass { background: var(--pass); } .badge.fail { background: var(--fail); }
    .badge.skip { background: var(--skip); } .badge.idle { background: var(--idle); }
    .badge.experiment { background: var(--exp); }
    .cell.experiment { border-left-color: var(--exp); }
    p.exploration { font-size: 14px; margin: .3rem 0; }
    .errors pre, .messages pre { border-color: var(--fail); }
    .cell { border-left: 3px solid var(--line); padding: .1rem 0 .1rem .9rem; margin: 1.2rem 0; }
    .cell.fail { border-left-color: var(--fail); background: color-mix(in srgb, var(--fail) 5%, transparent); }
    .cell.skip { border-left-color: var(--skip); }
    .cell header { display: flex; gap: .6rem; align-items: baseline; flex-wrap: wrap; font-size: 13px; color: var(--muted); }
    .cell.pass header .badge { background: transparent; color: var(--pass); border: 1px solid var(--pass); }
    .cell-link { color: var(--fg); font-weight: 600; }
    .cell header > * { min-width: 0; overflow-wrap: anywhere; }
    .outputs pre { max-height: 30em; overflow: auto; }
    .code { display: flex; border: 1px solid var(--line); border-radius: 6px; background: var(--code); margin: .4rem 0; }
    .code pre { border: 0; margin: 0; background: transparent; }
    .code pre.gutter { color: var(--muted); text-align: right; user-select: none; padding-right: .4rem;
                       border-right: 1px solid var(--line); border-radius: 6px 0 0 6px; }
    .code pre.src { flex: 1; min-width: 0; }
    .hljs-keyword, .hljs-selector-tag { color: var(--kw); } .hljs-string { color: var(--str); }
    .hljs-number, .hljs-literal { color: var(--num); } .hljs-comment { color: var(--com); font-style: italic; }
    .hljs-built_in, .hljs-type, .hljs-class .hljs-title { color: var(--type); } .hljs-title, .hljs-function { color: var(--fn); }
    .hljs-meta, .hljs-attr, .hljs-params { color: inherit; }
    .outputs { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: .8rem; }
    .outputs.quiet { display: block; }
    .pane-title { margin: .4rem 0 0; font-size: 12px; color: var(--muted); font-weight: 600; }
    .notes, .reason { font-size: 14px; color: var(--muted); margin: .3rem 0; }
    details { font-size: 14px; color: var(--muted); margin: .3rem 0; }
    figure.plot { margin: .8rem 0 1.2rem; }
    figure.plot svg { display: block; max-width: 100%; height: auto; border-radius: 4px; }
    figcaption { font-size: 13px; color: var(--muted); margin-top: .3rem; }
    ol.contents { list-style: none; padding: 0; margin: 1.5rem 0; }
    ol.contents li { display: grid; grid-template-columns: 2.6rem 1fr auto; column-gap: .6rem; align-items: baseline;
                     padding: .7rem 0; border-bottom: 1px solid var(--line); }
    ol.contents li > a { display: contents; }
    ol.contents .num { font: 600 1.2rem/1 -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: var(--muted); text-align: right; }
    ol.contents .title { font-size: 1.15rem; font-weight: 600; }
    ol.contents .meta { font-size: 13px; color: var(--muted); white-space: nowrap; }
    ol.contents .summary { grid-column: 2 / 4; margin: .2rem 0 0; }
    .table-wrap { overflow-x: auto; }
    table { border-collapse: collapse; width: 100%; font-size: 15px; }
    th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid var(--line); }
    th { font-size: 13px; color: var(--muted); font-weight: 600; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
    @media (max-width: 900px) {
      .layout { grid-template-columns: minmax(0, 1fr); gap: 0; }
      .toc { position: static; max-height: none; border: 1px solid var(--line); border-radius: 6px; padding: .2rem .8rem; margin: .5rem 0; }
      body { font-size: 16px; }
      h1 { font-size: 1.7rem; }
      ol.contents li { grid-template-columns: 2rem 1fr; }
      ol.contents .meta { grid-column: 2; }
      ol.contents .summary { grid-column: 2; }
    }
    @media print {
      :root { --fg:#000; --muted:#444; --bg:#fff; --code:#fff; --line:#bbb; --link:#000; }
      body { font-size: 11pt; }
      .toc, .pager, .skip, footer, details { display: none; }
      .layout { display: block; max-width: none; padding: 0; }
      pre { white-space: pre-wrap; break-inside: avoid; }
      .cell, figure.plot { break-inside: avoid; }
      figure.plot svg { max-width: 16cm; }
      a { text-decoration: none; }
    }
    """
}
