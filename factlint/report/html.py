"""One self-contained HTML page for editors: the reading-order text with each finding marked in
place, its message and computation, filters by severity and rule, and a summary table.
No network access: styles and script are inline.
"""

from __future__ import annotations

import json
from collections import Counter
from html import escape

from factlint import __version__
from factlint.engine import DocumentResult
from factlint.findings import Finding
from factlint.report import jsonable

_CSS = """
body{font:15px/1.7 "Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#222}
header{background:#1f3a5f;color:#fff;padding:12px 20px}header h1{margin:0;font-size:20px}
main{display:flex;gap:16px;padding:16px}section.docs{flex:3;min-width:0}aside{flex:2;position:sticky;top:0;align-self:flex-start;max-height:100vh;overflow:auto}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}
.doc{border:1px solid #ddd;border-radius:6px;margin-bottom:16px}.doc h2{font-size:16px;margin:0;padding:8px 12px;background:#f3f3f3}
.view p{margin:6px 12px}mark{cursor:pointer;border-radius:3px;padding:0 1px}
mark.error{background:#ffd0d0;border-bottom:2px solid #c00}mark.warning{background:#fff0b3;border-bottom:2px solid #b80}
mark.info{background:#d6ecff;border-bottom:2px solid #06c}mark.active{outline:2px solid #000}
.hidden{background:none!important;border:none!important}
.card{border:1px solid #ccc;border-radius:6px;padding:8px 12px;margin-bottom:8px}.card.hidden-card{display:none}
.card h3{font-size:14px;margin:0 0 4px}.sev-error{color:#c00}.sev-warning{color:#b80}.sev-info{color:#06c}
.card dl{margin:0;display:grid;grid-template-columns:auto 1fr;gap:0 8px;font-size:13px}.card dt{color:#666}
.filters label{margin-right:10px}
"""

_JS = """
(function(){
  const marks=[...document.querySelectorAll('mark[data-id]')];
  const cards=[...document.querySelectorAll('.card[data-id]')];
  function apply(){
    const sev=new Set([...document.querySelectorAll('input[data-sev]:checked')].map(e=>e.dataset.sev));
    const rules=new Set([...document.querySelectorAll('input[data-rule]:checked')].map(e=>e.dataset.rule));
    for(const el of marks.concat(cards)){
      const on=sev.has(el.dataset.sev)&&rules.has(el.dataset.rule);
      el.classList.toggle(el.tagName==='MARK'?'hidden':'hidden-card',!on);
    }
    document.getElementById('shown').textContent=cards.filter(c=>!c.classList.contains('hidden-card')).length;
  }
  function select(id){
    for(const m of marks){m.classList.toggle('active',m.dataset.id===id);}
    const card=document.getElementById('card-'+id); const mark=document.getElementById('mark-'+id);
    if(card){card.scrollIntoView({block:'nearest'});}
    if(mark){mark.scrollIntoView({block:'center'});}
  }
  document.querySelectorAll('input[data-sev],input[data-rule]').forEach(e=>e.addEventListener('change',apply));
  marks.forEach(m=>m.addEventListener('click',()=>select(m.dataset.id)));
  cards.forEach(c=>c.addEventListener('click',()=>select(c.dataset.id)));
  apply();
})();
"""


def _marked_view(result: DocumentResult, ids: dict[int, str]) -> str:
    text = result.view.text
    spans = sorted(
        ((f.view_span.start, f.view_span.end, f) for f in result.findings if f.view_span is not None),
        key=lambda t: (t[0], -t[1]),
    )
    out, pos = [], 0
    for start, end, f in spans:
        if start < pos:  # overlapping findings: the card still lists it
            continue
        out.append(escape(text[pos:start]))
        fid = ids[id(f)]
        out.append(f'<mark id="mark-{fid}" data-id="{fid}" data-sev="{f.severity.value}" data-rule="{f.code}" '
                   f'class="{f.severity.value}" title="{escape(f.code + " " + f.message)}">{escape(text[start:end])}</mark>')
        pos = end
    out.append(escape(text[pos:]))
    return "".join(f"<p>{para}</p>" for para in "".join(out).split("\n"))


def _card(f: Finding, fid: str) -> str:
    d = f.details or {}
    rows = [("位置 where", f"{escape(f.location.path)}:{f.location.line}:{f.location.column}")]
    for key, label in (("stated", "印刷值 stated"), ("computed", "计算值 computed"), ("interval", "区间 interval"),
                       ("formula", "算式 formula"), ("diagnosis", "可能原因 diagnosis"), ("evidence", "依据 evidence")):
        if d.get(key) not in (None, "", []):
            value = d[key]
            if isinstance(value, (list, tuple)):
                value = ", ".join(json.dumps(v, ensure_ascii=False, default=jsonable).strip('"') for v in value)
            rows.append((label, escape(str(value))))
    for r in f.related:
        rows.append((escape(r.label or "related"), f"{escape(r.text)} ({r.location.line}:{r.location.column})"))
    if f.fix is not None and f.replacement is not None:
        rows.append((f"修正 fix ({f.fix.applicability.value})", f"{escape(f.text)} → {escape(f.replacement)}"))
    body = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    return (f'<div class="card" id="card-{fid}" data-id="{fid}" data-sev="{f.severity.value}" data-rule="{f.code}">'
            f'<h3><span class="sev-{f.severity.value}">{f.severity.value}</span> {f.code} {escape(f.name)}</h3>'
            f"<div>{escape(f.message)}</div><dl>{body}</dl></div>")


def render(results: list[DocumentResult]) -> str:
    findings = [f for r in results for f in r.findings]
    ids = {id(f): f"f{i + 1}" for i, f in enumerate(findings)}
    by_rule = Counter((f.code, f.name, f.severity.value) for f in findings)
    by_sev = Counter(f.severity.value for f in findings)
    summary = "".join(f"<tr><td>{c}</td><td>{escape(n)}</td><td>{s}</td><td>{k}</td></tr>"
                      for (c, n, s), k in sorted(by_rule.items()))
    sev_filters = "".join(f'<label><input type="checkbox" data-sev="{s}" checked> {s} ({by_sev[s]})</label>'
                          for s in ("error", "warning", "info"))
    rule_filters = "".join(f'<label><input type="checkbox" data-rule="{c}" checked> {c}</label>'
                           for c in sorted({f.code for f in findings}))
    docs = "".join(
        f'<div class="doc"><h2>{escape(r.doc.path)} — {len(r.findings)} findings</h2>'
        f'<div class="view">{_marked_view(r, ids)}</div></div>' for r in results)
    cards = "".join(_card(f, ids[id(f)]) for f in findings)
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>factlint report</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><style>{_CSS}</style></head>
<body><header><h1>factlint 校对报告 — {len(findings)} findings in {len(results)} files</h1>
<div>factlint {__version__}</div></header>
<main><section class="docs">
<h2>摘要 Summary</h2><table><tr><th>rule</th><th>name</th><th>severity</th><th>count</th></tr>{summary}</table>
<div class="filters">{sev_filters}</div><div class="filters">{rule_filters}</div>
{docs}</section>
<aside><h2>问题 Findings (<span id="shown">{len(findings)}</span>)</h2>{cards}</aside></main>
<script>{_JS}</script></body></html>
"""
