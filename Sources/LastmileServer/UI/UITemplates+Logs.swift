extension UITemplates {
    static var logTemplates: [(String, String)] {
        [("logs", logs)]
    }

    static let logs = """
    <h1>{{name}} logs</h1>
    <p class="sub"><a href="/ui/pipelines/{{name}}">Pipeline</a> · <a href="/ui/pipelines/{{name}}/dashboard">Dashboard</a> · newest first, times in UTC</p>
    <div class="card">
      <form method="get" action="/ui/pipelines/{{name}}/logs" class="row" id="log-filter">
        <div><label for="l-start">From (UTC)</label><input type="datetime-local" id="l-start" name="start" value="{{start}}" step="1"></div>
        <div><label for="l-end">To (UTC)</label><input type="datetime-local" id="l-end" name="end" value="{{end}}" step="1"></div>
        <div style="flex:0 0 110px"><label for="l-limit">Rows</label><input type="number" id="l-limit" name="limit" value="{{limit}}" min="1" max="500"></div>
        <div style="flex:0 0 150px"><label><input type="checkbox" name="anomaly" value="true" {{#anomalyOnly}}checked{{/anomalyOnly}}> anomalies only</label></div>
        <div style="flex:0"><button type="submit">Filter</button></div>
      </form>
      <p class="small">Download these rows (all of them, not only the first {{limit}}):
        <a href="/ui/pipelines/{{name}}/logs/export?format=csv&amp;{{exportQuery}}">CSV</a> ·
        <a href="/ui/pipelines/{{name}}/logs/export?format=ndjson&amp;{{exportQuery}}">NDJSON</a></p>
    </div>
    <div class="card">
      <p class="small muted">{{count}} row(s).</p>
      <table id="log-table">
        <tr><th>Time</th><th>Inputs</th><th>Outputs</th><th>Anomalies</th></tr>
        {{#rows}}
        <tr><td class="small">{{time}}</td><td class="mono small">{{inputs}}</td><td class="mono small">{{outputs}}</td><td>{{#flagged}}<span class="badge alert">{{anomalies}}</span>{{/flagged}}</td></tr>
        <tr><td colspan="4"><details><summary class="small muted">record {{predictionId}}</summary><pre>{{detail}}</pre></details></td></tr>
        {{/rows}}
      </table>
      {{^rows}}<p class="muted">No rows logged in this range.</p>{{/rows}}
    </div>
    """
}
