/** The console's look: QuickBooks' green accent, plain tables and forms, readable at 900 px. */
export const consoleStyle = `
*{box-sizing:border-box}
body{font-family:system-ui,sans-serif;background:#f4f5f8;margin:0;color:#393a3d;font-size:15px}
header{background:#fff;border-bottom:3px solid #2ca01c;padding:.75rem 1.5rem;display:flex;align-items:center;gap:1rem}
header .brand{font-weight:700;color:#1f7a12;text-decoration:none}
header .company{font-weight:600}
header .lang{margin-left:auto}
nav.tabs{display:flex;gap:.25rem;flex-wrap:wrap;padding:0 1.5rem;background:#fff;border-bottom:1px solid #dcdfe5}
nav.tabs a{padding:.6rem .9rem;text-decoration:none;color:#393a3d;border-bottom:3px solid transparent}
nav.tabs a[aria-current=page]{border-color:#2ca01c;font-weight:600}
main{max-width:72rem;margin:1.25rem auto;padding:0 1.5rem}
h1{font-size:1.35rem;margin:.5rem 0 1rem}
h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
a{color:#0077c5}
section.panel{background:#fff;border-radius:6px;padding:1rem 1.25rem;box-shadow:0 1px 2px #0002;margin-bottom:1rem}
table{border-collapse:collapse;width:100%;background:#fff;margin-bottom:1rem}
section.panel h2{margin-top:0}
th,td{text-align:left;padding:.45rem .6rem;border-bottom:1px solid #eceef1;vertical-align:top}
th{font-size:.8rem;text-transform:uppercase;color:#6b6c72;font-weight:600}
td.nowrap{white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;padding:.1rem .5rem;border-radius:1rem;font-size:.8rem;background:#eceef1}
.badge.paid{background:#e3f5df;color:#1d6b12}.badge.partial{background:#fff4d6;color:#7a5600}
.badge.overdue{background:#fde7e9;color:#a4111d}.badge.voided{background:#e8e8e8;color:#555}
.badge.open{background:#e5f1fb;color:#00558c}
.actions{display:flex;gap:.5rem;flex-wrap:wrap;margin:.5rem 0 1rem}
.button,button{display:inline-block;padding:.45rem 1rem;border-radius:4px;border:1px solid #2ca01c;background:#2ca01c;color:#fff;font:inherit;text-decoration:none;cursor:pointer}
button.secondary,.button.secondary{background:#fff;color:#2ca01c}
button.danger{background:#fff;border-color:#a4111d;color:#a4111d}
form.inline{display:inline}
label{display:block;margin:.5rem 0 .2rem;font-weight:600;font-size:.9rem}
label.check{font-weight:400;display:flex;gap:.5rem;align-items:center}
input,select{font:inherit;padding:.35rem .45rem;border:1px solid #babec5;border-radius:4px;background:#fff}
input.num{width:7rem;text-align:right}
.hint{color:#6b6c72;font-size:.85rem;margin:.2rem 0}
.alert{border-left:4px solid #a4111d;background:#fde7e9;padding:.6rem 1rem;margin-bottom:1rem;border-radius:4px}
.notice{border-left:4px solid #2ca01c;background:#e3f5df;padding:.6rem 1rem;margin-bottom:1rem;border-radius:4px}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1.25rem;margin:0}
dl.facts dt{color:#6b6c72}dl.facts dd{margin:0}
.row{display:flex;gap:1rem;flex-wrap:wrap;align-items:flex-end}
`;
