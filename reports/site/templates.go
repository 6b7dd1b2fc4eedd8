package site

// The pages' templates. One layout; each kind of page fills "body". Every
// page has one h1 and headings in order; status is shown by symbol and word
// as well as colour; tables of measures and milestones become cards on
// narrow screens, other tables scroll sideways.
//
// The list of every measure works without script (the whole table, no
// controls) and with it: search, area and status filters, sorting by any
// column (by the words shown, in the page's language), and pages of a
// hundred rows: only those rows are in the document — a browser lays out
// every row it holds, and laying out 2,000 rows anew after each sort took
// a second and more.

const layoutTemplate = `{{define "status"}}<span class="status {{.Class}}"><span class="sym" aria-hidden="true">{{.Symbol}}</span>{{.Label}}{{.Note}}</span>{{end}}
{{- define "licence"}}{{if .Licence.URL}}<a href="{{.Licence.URL}}" rel="license"{{with .LicenceLang}} lang="{{.}}"{{end}}>{{.Licence.Title}}</a>{{else}}<span{{with .LicenceLang}} lang="{{.}}"{{end}}>{{.Licence.Title}}</span>{{end}}{{end}}
{{- define "facts"}}<dl class="facts">{{range .}}<dt>{{.Term}}</dt><dd>{{.Value}}</dd>{{end}}</dl>{{end}}
{{- define "counts"}}<div class="table-wrap narrow"><table><thead><tr><th scope="col">{{.W.status}}</th><th scope="col" class="num">{{.W.count}}</th></tr></thead><tbody>
{{range .Counts}}<tr><td>{{template "status" .Status}}</td><td class="num">{{.Count}}</td></tr>
{{end}}</tbody></table></div>{{end}}
{{- define "measureTable"}}<div class="table-wrap" role="region" aria-label="{{.Caption}}" tabindex="0"><table class="stack"{{if .ID}} id="{{.ID}}"{{end}}>
<thead><tr><th scope="col" data-sort="text">{{.W.code}}</th><th scope="col" data-sort="text">{{.W.title}}</th>{{if .ShowArea}}<th scope="col" data-sort="text">{{.W.area}}</th>{{end}}<th scope="col" data-sort="text">{{.W.leadUnit}}</th><th scope="col" data-sort="text">{{.W.status}}</th><th scope="col" class="num" data-sort="num">{{.W.progress}}</th><th scope="col" data-sort="text">{{.W.end}}</th></tr></thead>
<tbody>
{{.RowsHTML}}</tbody></table></div>
{{if .Starred}}<p class="muted">* {{.W.overridden}}.</p>{{end}}{{end}}
{{- define "layout"}}<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title{{with .TitleLang}} lang="{{.}}"{{end}}>{{.Title}}</title>
<link rel="stylesheet" href="{{.Root}}style.css">
{{range .Switch}}<link rel="alternate" hreflang="{{.Lang}}" href="{{.Href}}">
{{end}}</head>
<body>
<a class="skip" href="#main">{{.W.skip}}</a>
{{if .Demo}}<p class="demo">{{.DemoMark}}</p>
{{end}}<header class="site"><div class="bar-in">
<a class="brand" href="{{.Home}}"{{with .SiteLang}} lang="{{.}}"{{end}}>{{.Site}}</a>
<nav aria-label="{{.W.nav}}"><ul>
<li><a href="{{.Home}}"{{if eq .Nav "home"}} aria-current="page"{{end}}>{{.W.home}}</a></li>
<li><a href="{{.List}}"{{if eq .Nav "measures"}} aria-current="page"{{end}}>{{.W.measures}}</a></li>
<li><a href="{{.Data}}"{{if eq .Nav "data"}} aria-current="page"{{end}}>{{.W.openData}}</a></li>
{{range .Switch}}<li><a href="{{.Href}}" lang="{{.Lang}}" hreflang="{{.Lang}}">{{.Name}}</a></li>
{{end}}</ul></nav>
</div></header>
<main id="main" tabindex="-1">
{{template "body" .}}
</main>
<footer><div class="bar-in">
<p>{{.W.asOf}} {{.AsOf}}. {{.W.publicNote}}{{if .Demo}} {{.W.demoNote}}{{end}}</p>
<p>{{.W.licence}}: {{template "licence" .}}. <a href="{{.Data}}">{{.W.openData}}</a>. {{.W.generated}}</p>
</div></footer>
</body>
</html>
{{end}}`

var bodies = map[string]string{
	"landing": ``,

	"home": `{{$w := .W}}{{with .Body}}<h1{{with $.H1Lang}} lang="{{.}}"{{end}}>{{$.H1}}</h1>
<p class="muted">{{$w.asOf}} <span class="nw">{{$.AsOf}}</span> · {{$w.period}}: <span class="nw">{{.PeriodStart}}</span> – <span class="nw">{{.PeriodEnd}}</span>{{if .Decision}} · {{.Decision}}{{end}}</p>
{{if .Vision}}<p class="text">{{.Vision}}</p>{{end}}
<h2>{{$w.overall}}</h2>
<div class="figures">
<div class="figure"><span class="big">{{.Fig.Progress}}</span>{{$w.progress}} · {{$w.expected}}: {{.Fig.Expected}}{{.Fig.Bar}}</div>
<div class="figure"><span class="big">{{.Measures}}</span>{{$w.measures}}</div>
<div class="figure"><span class="big">{{.Done}} / {{.Milestones}}</span>{{$w.milestonesDone}}</div>
<div class="figure"><span class="big">{{.Budget}}</span>{{$w.budgetTotal}} · {{$w.spent}}: {{.Spent}}</div>
</div>
<h2>{{$w.statusCounts}}</h2>
{{template "counts" (countsArgs $w .Counts)}}
<p class="muted">{{$w.statusNotColour}}</p>
<h2>{{$w.areas}}</h2>
<div class="table-wrap" role="region" aria-label="{{$w.areas}}" tabindex="0"><table>
<thead><tr><th scope="col">{{$w.area}}</th><th scope="col" class="num">{{$w.measures}}</th><th scope="col">{{$w.progress}}</th></tr></thead>
<tbody>
{{range .Areas}}<tr><td><a href="{{.Href}}">{{.Code}} {{.Title}}</a></td><td class="num">{{.Measures}}</td><td>{{.Fig.Progress}} <span class="muted">({{$w.expectedMark}} {{.Fig.Expected}})</span>{{.Fig.Bar}}</td></tr>
{{end}}</tbody></table></div>
<p><a href="{{$.List}}">{{$w.allMeasures}}</a></p>{{end}}`,

	"area": `{{$w := .W}}{{with .Body}}<p class="crumbs"><a href="{{$.Home}}">{{$w.home}}</a> › {{$w.areas}}</p>
<h1{{with $.H1Lang}} lang="{{.}}"{{end}}>{{$.H1}}</h1>
{{if .Description}}<p class="text">{{.Description}}</p>{{end}}
<div class="figures"><div class="figure"><span class="big">{{.Fig.Progress}}</span>{{$w.progress}} · {{$w.expected}}: {{.Fig.Expected}}{{.Fig.Bar}}</div></div>
<h2>{{$w.statusCounts}}</h2>
{{template "counts" (countsArgs $w .Counts)}}
<h2>{{$w.measuresOf}}</h2>
{{if .Measures}}{{template "measureTable" (tableArgs $w $w.measuresOf "" false .Measures)}}{{else}}<p>{{$w.noMeasures}}</p>{{end}}{{end}}`,

	"measure": `{{$w := .W}}{{with .Body}}<p class="crumbs"><a href="{{$.Home}}">{{$w.home}}</a>{{if .AreaHref}} › <a href="{{.AreaHref}}">{{.AreaTitle}}</a>{{end}}</p>
<h1{{with $.H1Lang}} lang="{{.}}"{{end}}>{{$.H1}}</h1>
<p>{{$w.status}}: {{template "status" .Status}}{{if .OverrideReason}} <span class="muted">(* {{$w.overridden}}. {{$w.reason}}: {{.OverrideReason}})</span>{{end}}</p>
<div class="figures"><div class="figure"><span class="big">{{.Fig.Progress}}</span>{{$w.progress}} · {{$w.expected}}: {{.Fig.Expected}}{{.Fig.Bar}}</div></div>
{{if .Description}}<h2>{{$w.description}}</h2>
<p class="text">{{.Description}}</p>{{end}}
{{template "facts" .Facts}}
<h2>{{$w.budget}}</h2>
{{template "facts" .Budget}}
{{if .Funding}}<h3>{{$w.funding}}</h3>
{{template "facts" .Funding}}{{end}}
<h2>{{$w.milestones}}</h2>
{{if .Milestones}}<div class="table-wrap" role="region" aria-label="{{$w.milestones}}" tabindex="0"><table class="stack">
<thead><tr><th scope="col">{{$w.title}}</th><th scope="col">{{$w.due}}</th><th scope="col">{{$w.completed}}</th><th scope="col">{{$w.state}}</th><th scope="col">{{$w.note}}</th></tr></thead>
<tbody>
{{.MilestoneRows}}</tbody></table></div>{{else}}<p>{{$w.none}}</p>{{end}}
{{if .KPIs}}<h2>{{$w.kpis}}</h2>
{{range .KPIs}}<h3 id="{{.ID}}"{{with .NameLang}} lang="{{.}}"{{end}}>{{.Name}}</h3>
{{template "facts" .Facts}}
{{.Chart}}
{{if .Values}}<details><summary>{{$w.values}} ({{$w.table}})</summary><div class="table-wrap"><table>
<thead><tr><th scope="col">{{$w.date}}</th><th scope="col" class="num">{{$w.value}}</th><th scope="col">{{$w.note}}</th><th scope="col">{{$w.source}}</th></tr></thead>
<tbody>
{{.ValuesHTML}}</tbody></table></div></details>{{end}}
{{end}}{{end}}
{{with .Update}}<h2>{{$w.latestUpdate}}</h2>
<div class="update"><p class="muted">{{.Date}}{{if .Author}} · {{.Author}}{{end}}</p><p class="text">{{.Text}}</p></div>{{end}}
{{if .Revisions}}<h2>{{$w.revisions}}</h2>
<div class="table-wrap" role="region" aria-label="{{$w.revisions}}" tabindex="0"><table class="stack">
<thead><tr><th scope="col">{{$w.field}}</th><th scope="col">{{$w.original}}</th><th scope="col">{{$w.current}}</th><th scope="col">{{$w.revisedOn}}</th><th scope="col">{{$w.reason}}</th></tr></thead>
<tbody>
{{range .Revisions}}<tr><td data-label="{{$w.field}}">{{.Field}}</td><td class="nw" data-label="{{$w.original}}">{{.Original}}</td><td class="nw" data-label="{{$w.current}}">{{.Current}}</td><td class="nw" data-label="{{$w.revisedOn}}">{{.At}}</td><td data-label="{{$w.reason}}">{{.Reason}}</td></tr>
{{end}}</tbody></table></div>{{end}}{{end}}`,

	"list": `{{$w := .W}}{{with .Body}}<h1>{{$w.allMeasures}}</h1>
<div class="filters" id="filters" hidden>
<label for="f-q">{{$w.filter}}<input type="search" id="f-q" autocomplete="off"></label>
<label for="f-area">{{$w.filterArea}}<select id="f-area"><option value="">{{$w.all}}</option>{{range .Areas}}<option value="{{.Value}}"{{with .Lang}} lang="{{.}}"{{end}}>{{.Label}}</option>{{end}}</select></label>
<label for="f-status">{{$w.filterStatus}}<select id="f-status"><option value="">{{$w.all}}</option>{{range .Statuses}}<option value="{{.Value}}">{{.Label}}</option>{{end}}</select></label>
</div>
<p class="muted" id="f-count" aria-live="polite">{{$w.shown}} {{.Total}} {{$w.of}} {{.Total}}</p>
<p class="muted" id="sort-hint" hidden>{{$w.sortHint}}</p>
{{template "measureTable" (tableArgs $w $w.allMeasures "list" true .Rows)}}
<div class="pager" id="pager" hidden><button type="button" id="pg-prev"></button><button type="button" id="pg-next"></button></div>
<script>
(function(){
var t=document.getElementById("list");if(!t||!t.tBodies.length)return;
var body=t.tBodies[0],rows=Array.prototype.slice.call(body.rows),total=rows.length,lang=document.documentElement.lang;
var q=document.getElementById("f-q"),fa=document.getElementById("f-area"),fs=document.getElementById("f-status"),out=document.getElementById("f-count");
var pager=document.getElementById("pager"),prev=document.getElementById("pg-prev"),next=document.getElementById("pg-next");
var W={shown:{{$w.shown}},of:{{$w.of}},inAll:{{$w.inAll}},prev:{{$w.prevPage}},next:{{$w.nextPage}}};
var PAGE=100,page=0,ok=new Array(total),n=total,text=null;
document.getElementById("filters").hidden=false;document.getElementById("sort-hint").hidden=false;t.className+=" sortable";
prev.textContent=W.prev.replace("%d",PAGE);next.textContent=W.next.replace("%d",PAGE);
var coll=new Intl.Collator(lang,{numeric:true,sensitivity:"base"});
function show(){var from=page*PAGE,to=Math.min(from+PAGE,n),k=0,f=document.createDocumentFragment();
for(var i=0;i<total&&k<to;i++){if(ok[i]){if(k>=from)f.appendChild(rows[i]);k++;}}
body.replaceChildren(f);
out.textContent=W.shown+" "+(n?(from+1)+"–"+to:"0")+" "+W.of+" "+n+(n<total?" ("+W.inAll.replace("%d",total)+")":"");
pager.hidden=n<=PAGE;prev.disabled=page===0;next.disabled=to>=n;}
function apply(){var s=q.value.trim().toLocaleLowerCase(lang),a=fa.value,st=fs.value;n=0;page=0;
if(s&&!text)text=rows.map(function(r){return r.textContent.toLocaleLowerCase(lang);});
for(var i=0;i<total;i++){var r=rows[i];ok[i]=(!a||r.getAttribute("data-area")===a)&&(!st||r.getAttribute("data-status")===st)&&(!s||text[i].indexOf(s)>=0);if(ok[i])n++;}
show();}
[q,fa,fs].forEach(function(el){el.addEventListener("input",apply);el.addEventListener("change",apply);});
prev.addEventListener("click",function(){page--;show();});next.addEventListener("click",function(){page++;show();});
var heads=t.tHead.rows[0].cells,keys=[];
function keysOf(i,num){if(keys[i])return keys[i];var k=new Array(total);
for(var j=0;j<total;j++){var c=rows[j].cells[i],v=c.getAttribute("data-v");if(v===null)v=c.textContent;k[j]=num?parseFloat(v):v;}
return keys[i]=k;}
function permute(a,order){if(!a)return a;var m=new Array(total);for(var j=0;j<total;j++)m[j]=a[order[j]];return m;}
Array.prototype.forEach.call(heads,function(th,i){
var num=th.getAttribute("data-sort")==="num",b=document.createElement("button");b.type="button";b.textContent=th.textContent;th.textContent="";th.appendChild(b);
b.addEventListener("click",function(){var asc=th.getAttribute("aria-sort")!=="ascending",k=keysOf(i,num),order=new Array(total),j;
Array.prototype.forEach.call(heads,function(h){h.removeAttribute("aria-sort");});th.setAttribute("aria-sort",asc?"ascending":"descending");
for(j=0;j<total;j++)order[j]=j;
order.sort(function(x,y){var d=num?k[x]-k[y]:coll.compare(k[x],k[y]);return (asc?d:-d)||x-y;});
rows=permute(rows,order);ok=permute(ok,order);text=permute(text,order);keys=keys.map(function(kk){return permute(kk,order);});
page=0;show();});});
apply();
})();
</script>{{end}}`,

	"data": `{{$w := .W}}{{with .Body}}<h1>{{$w.openData}}</h1>
<p>{{$w.dataIntro}}</p>
<p>{{$w.licence}}: {{template "licence" $}}.</p>
<h2>{{$w.files}}</h2>
<ul>
<li><a href="{{.Xlsx}}" download>{{$w.xlsx}}</a> ({{.XlsxSize}})</li>
<li><a href="{{.Zip}}" download>{{$w.zip}}</a> ({{.ZipSize}})</li>
<li><a href="{{.Readme}}">{{$w.readme}}</a></li>
<li><a href="{{.JSON}}">{{$w.json}}</a></li>
<li><a href="{{.Package}}">{{$w.datapackage}}</a></li>
{{range .Resources}}<li><a href="{{.Href}}">{{.File}}</a> — {{.Title}} ({{.Rows}} {{if eq .Rows 1}}{{$w.row}}{{else}}{{$w.rows}}{{end}})</li>
{{end}}</ul>
{{range .Resources}}<h2 id="t-{{.File}}">{{.Title}} — {{.File}}</h2>
<p>{{$w.primaryKey}}: {{.PrimaryKey}}{{if .ForeignKeys}}. {{$w.foreignKeys}}: {{.ForeignKeys}}{{end}}.</p>
<div class="table-wrap" role="region" aria-label="{{.File}}" tabindex="0"><table>
<thead><tr><th scope="col">{{$w.column}}</th><th scope="col">{{$w.type}}</th><th scope="col">{{$w.description}}</th></tr></thead>
<tbody>
{{range .Columns}}<tr><td><code>{{.Name}}</code></td><td><code>{{.Type}}</code></td><td>{{.Description}}</td></tr>
{{end}}</tbody></table></div>
{{end}}{{end}}`,
}

func init() {
	bodies["landing"] = `{{$w := .W}}{{with .Body}}<h1{{with .TitleLang}} lang="{{.}}"{{end}}>{{.Title}}</h1>
{{range .Others}}<p class="muted" lang="{{.Lang}}">{{.Name}}</p>
{{end}}<p>{{range $i, $l := .Langs}}{{if $i}} / {{end}}<span lang="{{$l.Lang}}">{{$l.Choose}}</span>{{end}}:</p>
<ul>{{range .Langs}}<li><a href="{{.Href}}" lang="{{.Lang}}" hreflang="{{.Lang}}">{{.Name}}</a></li>{{end}}</ul>{{end}}`
}
