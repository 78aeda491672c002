/* playground.c - the small GraphQL playground page served to browsers that open the
 * endpoint (GET with Accept: text/html and no query).
 *
 * One static HTML page with inline CSS and script: it loads nothing from the network,
 * so it works offline and needs no CSP exceptions. It POSTs to the page's own path. */
#include <string.h>

#include "server/internal.h"

static const char page[] =
    "<!DOCTYPE html>\n"
    "<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
    "<title>relata playground</title>\n"
    "<style>\n"
    "body{margin:0;font:14px system-ui,sans-serif;display:flex;flex-direction:column;"
    "height:100vh}\n"
    "header{padding:6px 10px;background:#223;color:#eee;display:flex;gap:10px;"
    "align-items:center}\n"
    "main{flex:1;display:flex;min-height:0}\n"
    "section{flex:1;display:flex;flex-direction:column;min-width:0}\n"
    "textarea,pre{flex:1;margin:0;padding:8px;border:1px solid #ccc;"
    "font:13px ui-monospace,monospace;overflow:auto;resize:none}\n"
    "#vars{flex:0 0 25%}\n"
    "button{font:inherit;padding:2px 12px}\n"
    "</style></head><body>\n"
    "<header><b>relata</b><button id=\"run\" title=\"Ctrl+Enter\">Run</button>"
    "<span id=\"status\"></span></header>\n"
    "<main><section>\n"
    "<textarea id=\"query\" spellcheck=\"false\">{\n  __schema {\n    queryType {\n"
    "      fields { name }\n    }\n  }\n}\n</textarea>\n"
    "<textarea id=\"vars\" spellcheck=\"false\" placeholder=\"variables (JSON)\"></textarea>\n"
    "</section><section><pre id=\"out\"></pre></section></main>\n"
    "<script>\n"
    "const $ = (id) => document.getElementById(id);\n"
    "const saved = localStorage.getItem('relata.query');\n"
    "if (saved) $('query').value = saved;\n"
    "async function run() {\n"
    "  const query = $('query').value, vars = $('vars').value.trim();\n"
    "  localStorage.setItem('relata.query', query);\n"
    "  $('status').textContent = '...';\n"
    "  try {\n"
    "    const res = await fetch(location.pathname, {method: 'POST',\n"
    "      headers: {'content-type': 'application/json', accept: 'application/json'},\n"
    "      body: JSON.stringify({query, variables: vars || null})});\n"
    "    const text = await res.text();\n"
    "    let shown = text;\n"
    "    try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch (e) {}\n"
    "    $('out').textContent = shown;\n"
    "    $('status').textContent = res.status + ' ' + (res.headers.get('request-id') || '');\n"
    "  } catch (e) {\n"
    "    $('out').textContent = String(e);\n"
    "    $('status').textContent = 'failed';\n"
    "  }\n"
    "}\n"
    "$('run').onclick = run;\n"
    "document.addEventListener('keydown', (e) => {\n"
    "  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(); }\n"
    "});\n"
    "</script></body></html>\n";

const char *playground_html(size_t *len)
{
    *len = sizeof page - 1;
    return page;
}
