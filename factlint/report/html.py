"""One self-contained HTML page for editors: the reading-order text with each finding marked in
place, its message and computation, filters by severity and rule, and a summary table.

No network access: styles and script are inline. Marks are placed in view coordinates (the text
the checks read); related figures are found through the view's OffsetMap (`to_view`), never by
searching the text. A mark never crosses a paragraph: one that would is cut at the break.
"""

from __future__ import annotations

import json
from collections import Counter
from html import escape

from factlint import __version__
from factlint.engine import DocumentResult
from factlint.findings import Finding
from factlint.report import jsonable
from factlint.spans import Span

SEVERITIES = ("error", "warning", "info")

_CSS = """
*{box-sizing:border-box}
body{font:15px/1.75 "Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#222;background:#fafafa}
header{background:#1f3a5f;color:#fff;padding:12px 20px}header h1{margin:0;font-size:20px}header div{opacity:.8;font-size:13px}
main{display:flex;gap:16px;padding:16px;align-items:flex-start}section.docs{flex:3;min-width:0}
aside{flex:2;min-width:280px;position:sticky;top:0;max-height:100vh;overflow:auto;padding-bottom:16px}
h2{font-size:17px;margin:8px 0}
table{border-collapse:collapse;margin:8px 0;background:#fff}td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}
td.n{text-align:right}
.filters{margin:4px 0}.filters label{margin-right:12px;white-space:nowrap;cursor:pointer}
.doc{border:1px solid #ddd;border-radius:6px;margin-bottom:16px;background:#fff}
.doc h2{font-size:15px;margin:0;padding:8px 12px;background:#f0f0f0;border-radius:6px 6px 0 0}
.view p{margin:6px 12px}
mark{cursor:pointer;border-radius:3px;padding:0 1px;color:inherit}
mark.error{background:#ffd0d0;border-bottom:2px solid #c00}mark.warning{background:#fff0b3;border-bottom:2px solid #b80}
mark.info{background:#d6ecff;border-bottom:2px solid #06c}
mark.active{outline:2px solid #000;outline-offset:1px}
mark.off{background:none;border-bottom:none;cursor:auto}
.rel{border-radius:3px}.rel.on,mark.on{outline:2px dashed #555;outline-offset:1px}
.card{border:1px solid #ccc;border-radius:6px;padding:8px 12px;margin-bottom:8px;background:#fff;cursor:pointer}
.card:focus{outline:2px solid #1f3a5f}.card.active{border-color:#000;box-shadow:0 0 0 2px #1f3a5f inset}
.card.off{display:none}
.card h3{font-size:14px;margin:0 0 4px}.sev-error{color:#c00}.sev-warning{color:#a70}.sev-info{color:#06c}
.card dl{margin:4px 0 0;display:grid;grid-template-columns:auto 1fr;gap:0 10px;font-size:13px}.card dt{color:#666}
.card dd{margin:0;overflow-wrap:anywhere}.fig{font-weight:bold}
.empty{color:#666;padding:8px 12px}
"""

_JS = """
(function(){
  'use strict';
  var marks=Array.prototype.slice.call(document.querySelectorAll('mark[data-id]'));
  var cards=Array.prototype.slice.call(document.querySelectorAll('.card[data-id]'));
  var rels=Array.prototype.slice.call(document.querySelectorAll('[data-rel]'));
  function checked(attr){
    var s={};
    document.querySelectorAll('input['+attr+']').forEach(function(e){ if(e.checked){ s[e.getAttribute(attr)]=true; } });
    return s;
  }
  function apply(){
    var sev=checked('data-sev'), rule=checked('data-rule'), shown=0;
    marks.concat(cards).forEach(function(el){
      var on=!!(sev[el.dataset.sev]&&rule[el.dataset.rule]);
      el.classList.toggle('off',!on);
      if(el.classList.contains('card')&&on){ shown++; }
    });
    document.getElementById('shown').textContent=String(shown);
  }
  function select(id, from){
    marks.forEach(function(m){ m.classList.toggle('active',m.dataset.id===id); });
    cards.forEach(function(c){ c.classList.toggle('active',c.dataset.id===id); });
    rels.forEach(function(r){ r.classList.toggle('on',(' '+r.dataset.rel+' ').indexOf(' '+id+' ')>=0); });
    var card=document.getElementById('card-'+id), mark=document.getElementById('mark-'+id);
    if(from!=='card'&&card){ card.scrollIntoView({block:'nearest'}); }
    if(from!=='mark'&&mark){ mark.scrollIntoView({block:'center'}); }
    if(history.replaceState){ history.replaceState(null,'','#'+id); }
  }
  document.querySelectorAll('input[data-sev],input[data-rule]').forEach(function(e){ e.addEventListener('change',apply); });
  marks.forEach(function(m){ m.addEventListener('click',function(){ if(!m.classList.contains('off')){ select(m.dataset.id,'mark'); } }); });
  cards.forEach(function(c){
    c.addEventListener('click',function(){ select(c.dataset.id,'card'); });
    c.addEventListener('keydown',function(ev){ if(ev.key==='Enter'||ev.key===' '){ ev.preventDefault(); select(c.dataset.id,'card'); } });
  });
  apply();
  var hash=location.hash.slice(1);
  if(hash&&document.getElementById('card-'+hash)){ select(hash); }
})();
"""


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _related_spans(result: DocumentResult, f: Finding) -> list[Span]:
    """View spans of a finding's related figures (through the OffsetMap; left out when unmapped)."""
    spans = []
    for r in f.related:
        src = r.location.span
        if src.end <= src.start:
            continue
        start, last = result.view.map.to_view(src.start), result.view.map.to_view(src.end - 1)
        if start is not None and last is not None and last >= start:
            spans.append(Span(start, last + 1))
    return spans


def _marked_view(result: DocumentResult, ids: dict[int, str]) -> str:
    """The view text as paragraphs with <mark> for findings and <span class="rel"> for figures
    that other findings relate to (a finding's own mark also lists the findings it relates to)."""
    text = result.view.text
    marks: list[tuple[int, int, Finding]] = []
    for f in sorted((f for f in result.findings if f.view_span is not None),
                    key=lambda f: (f.view_span.start, -f.view_span.end)):
        if marks and f.view_span.start < marks[-1][1]:  # overlapping findings: the card still lists it
            continue
        marks.append((f.view_span.start, max(f.view_span.end, f.view_span.start + 1), f))
    rel_of: dict[tuple[int, int], list[str]] = {}
    for f in result.findings:
        for span in _related_spans(result, f):
            rel_of.setdefault((span.start, span.end), []).append(ids[id(f)])
    # related figures that do not overlap a finding's mark get their own span
    elements: list[tuple[int, int, str, Finding | None, list[str]]] = []
    for start, end, f in marks:
        rel = [fid for (s, e), fids in rel_of.items() if s < end and start < e for fid in fids]
        elements.append((start, end, "mark", f, rel))
    for (s, e), fids in sorted(rel_of.items()):
        if not any(s < end and start < e for start, end, _ in marks) and \
                not any(s < el[1] and el[0] < e for el in elements if el[2] == "rel"):
            elements.append((s, e, "rel", None, fids))
    elements.sort(key=lambda el: el[0])

    paragraphs, pos = [], 0
    while pos <= len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl == -1 else nl
        paragraphs.append((pos, end))
        if nl == -1:
            break
        pos = nl + 1

    out = []
    for p_start, p_end in paragraphs:
        parts, cur = [], p_start
        for start, end, kind, f, rel in elements:
            s, e = max(start, p_start), min(end, p_end)
            if s >= e:
                continue
            parts.append(escape(text[cur:s]))
            body = escape(text[s:e])
            rel_attr = f' data-rel="{" ".join(rel)}"' if rel else ""
            if kind == "mark":
                fid = ids[id(f)]
                first = s == start  # only the first piece of a cut mark carries the id
                id_attr = f'id="mark-{fid}" ' if first else ""
                parts.append(f'<mark {id_attr}data-id="{fid}" data-sev="{f.severity.value}" data-rule="{escape(f.code)}"'
                             f'{rel_attr} class="{f.severity.value}" title="{escape(f.code + " " + f.message)}">'
                             f"{body}</mark>")
            else:
                parts.append(f'<span class="rel"{rel_attr}>{body}</span>')
            cur = e
        parts.append(escape(text[cur:p_end]))
        out.append(f"<p>{''.join(parts)}</p>")
    return "".join(out)


def _value(value) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(json.dumps(v, ensure_ascii=False, default=jsonable).strip('"') for v in value)
    return json.dumps(value, ensure_ascii=False, default=jsonable).strip('"') if not isinstance(value, str) else value


def _card(f: Finding, fid: str) -> str:
    d = f.details or {}
    rows = [("位置 where", f"{escape(f.location.path)}:{f.location.line}:{f.location.column}"),
            ("数字 figure", f'<span class="fig">{escape(f.text)}</span>')]
    for key, label in (("stated", "印刷值 stated"), ("computed", "计算值 computed"), ("interval", "区间 interval"),
                       ("formula", "算式 formula"), ("diagnosis", "可能原因 diagnosis"), ("evidence", "依据 evidence")):
        if d.get(key) not in (None, "", []):
            rows.append((label, escape(_value(d[key]))))
    for r in f.related:
        rows.append((escape(r.label or "相关 related"), f"{escape(r.text)} ({r.location.line}:{r.location.column})"))
    if f.fix is not None and f.replacement is not None:
        rows.append((f"修正 fix ({f.fix.applicability.value})", f"{escape(f.text)} → {escape(f.replacement)}"))
    body = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    sev = f.severity.value
    return (f'<div class="card" id="card-{fid}" data-id="{fid}" data-sev="{sev}" data-rule="{escape(f.code)}" '
            f'tabindex="0" role="button" aria-label="{escape(f.code)} {escape(f.text)}">'
            f'<h3><span class="sev-{sev}">{sev}</span> {escape(f.code)} {escape(f.name)}</h3>'
            f"<div>{escape(f.message)}</div><dl>{body}</dl></div>")


def render(results: list[DocumentResult]) -> str:
    findings = [f for r in results for f in r.findings]
    ids = {id(f): f"f{i + 1}" for i, f in enumerate(findings)}
    by_rule = Counter((f.code, f.name, f.severity.value) for f in findings)
    by_sev = Counter(f.severity.value for f in findings)
    summary = "".join(f'<tr><td>{escape(c)}</td><td>{escape(n)}</td><td class="sev-{s}">{s}</td><td class="n">{k}</td></tr>'
                      for (c, n, s), k in sorted(by_rule.items()))
    if not summary:
        summary = '<tr><td colspan="4">没有发现问题 no findings</td></tr>'
    sev_filters = "".join(f'<label><input type="checkbox" data-sev="{s}" checked> '
                          f'<span class="sev-{s}">{s}</span> ({by_sev[s]})</label>' for s in SEVERITIES)
    rule_counts = Counter(f.code for f in findings)
    rule_filters = "".join(f'<label><input type="checkbox" data-rule="{escape(c)}" checked> {escape(c)} ({n})</label>'
                           for c, n in sorted(rule_counts.items()))
    docs = "".join(
        f'<div class="doc"><h2>{escape(r.doc.path)} — {_plural(len(r.findings), "finding")}</h2>'
        f'<div class="view">{_marked_view(r, ids) if r.view.text else "<p class=empty>(empty)</p>"}</div></div>'
        for r in results)
    cards = "".join(_card(f, ids[id(f)]) for f in findings) or '<p class="empty">没有发现问题 no findings</p>'
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>factlint report</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<style>{_CSS}</style></head>
<body><header><h1>factlint 校对报告 — {_plural(len(findings), "finding")} in {_plural(len(results), "file")}</h1>
<div>factlint {__version__}</div></header>
<main><section class="docs">
<h2>摘要 Summary</h2><table><tr><th>rule</th><th>name</th><th>severity</th><th>count</th></tr>{summary}</table>
<div class="filters">严重性 severity: {sev_filters}</div><div class="filters">规则 rule: {rule_filters}</div>
{docs}</section>
<aside><h2>问题 Findings (<span id="shown">{len(findings)}</span>)</h2>{cards}</aside></main>
<script>{_JS}</script></body></html>
"""
