/** The console's look: the record page's colours, a left navigation, tables and forms. */
export const CONSOLE_STYLE = `
body{font-family:system-ui,-apple-system,"Hiragino Sans",sans-serif;margin:0;background:#f5f8fa;color:#33475b}
a{color:#007a8c}
.topbar{background:#2d3e50;color:#fff;padding:.6rem 1.5rem;display:flex;gap:1rem;align-items:center;flex-wrap:wrap}
.topbar .brand{font-weight:600;color:#ff9b80;text-decoration:none}.topbar a{color:#fff}
.topbar .header-extra{margin-left:auto;display:flex;gap:1rem;align-items:center}
.shell{display:grid;grid-template-columns:12rem minmax(0,1fr);gap:1.5rem;padding:1.5rem;max-width:84rem;margin:auto}
.shell.bare{grid-template-columns:minmax(0,1fr)}
nav.side ul{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:.2rem}
nav.side a{display:block;padding:.4rem .75rem;border-radius:3px;text-decoration:none;color:#33475b}
nav.side a[aria-current=page]{background:#fff;border-left:3px solid #ff7a59;font-weight:600}
main{background:#fff;border:1px solid #dfe3eb;border-radius:4px;padding:1rem 1.25rem;min-width:0}
h1{font-size:1.4rem;margin:0 0 .75rem}h2{font-size:1.05rem;margin:1.5rem 0 .5rem}
.muted{color:#516f90;font-size:.85rem}
form.search{display:flex;gap:.5rem;flex-wrap:wrap;align-items:center;margin-bottom:.75rem}
input,select,textarea{font:inherit;border:1px solid #cbd6e2;border-radius:3px;padding:.3rem .5rem;background:#f5f8fa}
input[type=search]{min-width:16rem;flex:1;max-width:28rem}
button{font:inherit;background:#c4411f;color:#fff;border:none;border-radius:3px;padding:.35rem .9rem;cursor:pointer}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{text-align:left;padding:.45rem .6rem;border-bottom:1px solid #eaf0f6;vertical-align:top}
th{background:#f5f8fa;color:#516f90;font-weight:600;white-space:nowrap}
.pager{display:flex;gap:1rem;align-items:center;margin-top:.75rem}
.portals{display:grid;grid-template-columns:repeat(auto-fill,minmax(18rem,1fr));gap:1rem;list-style:none;padding:0}
.portals>li{border:1px solid #dfe3eb;border-radius:4px;padding:.75rem 1rem}
.portals ul{list-style:none;padding:0;margin:.5rem 0 0;display:flex;flex-wrap:wrap;gap:.3rem .9rem}
.action-box{border:1px solid #dfe3eb;border-radius:4px;padding:.75rem 1rem;margin-bottom:1rem}
.action-box h3{margin:0 0 .25rem;font-size:1rem}
.fields{display:grid;grid-template-columns:minmax(8rem,max-content) minmax(0,22rem);gap:.5rem 1rem;align-items:center;margin:.75rem 0}
.fields textarea{min-height:3rem}
dl.facts{display:grid;grid-template-columns:minmax(8rem,max-content) minmax(0,1fr);gap:.35rem 1rem;margin:0}
dl.facts dt{color:#516f90}dl.facts dd{margin:0;overflow-wrap:anywhere}
.state{border-radius:3px;padding:.05rem .45rem;background:#eaf0f6;font-weight:600;font-size:.85rem}
.state-SUCCESS{background:#e5f8f6;color:#00806e}.state-FAILED,.state-EXPIRED,.state-FAIL_CONTINUE{background:#fde8e9;color:#b8323a}
.state-BLOCKED,.state-ASYNC,.state-RUNNING{background:#fef8f0;color:#8a4b00}
.notice-error{background:#fde8e9;border-left:4px solid #d94c53;padding:.5rem .75rem;margin-bottom:1rem}
@media (max-width:60rem){.shell{grid-template-columns:1fr;padding:1rem}nav.side ul{flex-direction:row;flex-wrap:wrap}}
`;
