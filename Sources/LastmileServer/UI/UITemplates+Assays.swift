extension UITemplates {
    static var assayTemplates: [(String, String)] {
        [("assays", assays), ("assay-new", assayNew), ("assay-preview", assayPreview), ("assay", assay)]
    }

    static let assays = """
    <h1>Assays</h1>
    <p class="sub">Drift checks of one field of a pipeline's logged inferences.</p>
    <div class="card">
      <form method="get" action="/ui/assays" class="row">
        <div><label for="a-ws">Workspace</label><select id="a-ws" name="workspace">{{#workspaces}}<option {{#selected}}selected{{/selected}}>{{name}}</option>{{/workspaces}}</select></div>
        <div style="flex:0"><button class="secondary" type="submit">Show</button></div>
        <div style="flex:0"><a class="button" href="/ui/assays/new?workspace={{workspace}}">New assay</a></div>
      </form>
    </div>
    <div class="card">
      <table>
        <tr><th>Assay</th><th>Pipeline</th><th>Field</th><th>Metric</th><th>Last status</th><th class="num">Score</th><th>Last window</th></tr>
        {{#assays}}
        <tr><td><a href="/ui/assays/{{id}}">{{name}}</a>{{^active}} <span class="badge">paused</span>{{/active}}</td><td>{{pipeline}}</td><td class="mono">{{iopath}}</td><td>{{metric}}</td>
          <td><span class="badge {{status}}">{{status}}</span></td><td class="num">{{score}}</td><td class="small">{{window}}</td></tr>
        {{/assays}}
      </table>
      {{^assays}}<p class="muted">No assays in {{workspace}} yet.</p>{{/assays}}
    </div>
    """

    static let assayNew = """
    <h1>New assay in {{workspace}}</h1>
    <p class="sub">The preview scores the windows over the log and follows your changes. Times are UTC.</p>
    <form method="post" action="/ui/assays" data-fragment="/ui/assays/preview" data-target="#preview" data-live id="assay-form">
      <input type="hidden" name="_csrf" value="{{csrf}}">
      <input type="hidden" name="workspace" value="{{workspace}}">
      <div class="card">
        <div class="row">
          <div><label for="a-name">Name</label><input type="text" id="a-name" name="name" placeholder="x0-drift"></div>
          <div><label for="a-pipeline">Pipeline</label><select id="a-pipeline" name="pipeline">{{#pipelines}}<option {{#selected}}selected{{/selected}}>{{name}}</option>{{/pipelines}}</select></div>
          <div><label for="a-iopath">Field</label><input type="text" id="a-iopath" name="iopath" placeholder="in.X[0]"></div>
        </div>
        <div class="row">
          <div><label for="a-bs">Baseline from</label><input type="datetime-local" step="1" id="a-bs" name="baselineStart" value="{{baselineStart}}"></div>
          <div><label for="a-be">Baseline to</label><input type="datetime-local" step="1" id="a-be" name="baselineEnd" value="{{baselineEnd}}"></div>
        </div>
        <div class="row">
          <div><label for="a-ws">First window from</label><input type="datetime-local" step="1" id="a-ws" name="windowStart" value="{{windowStart}}"></div>
          <div><label for="a-width">Window width</label><input type="text" id="a-width" name="width" value="10m"></div>
          <div><label for="a-count">Windows to preview</label><input type="number" id="a-count" name="count" value="3" min="1" max="1000"></div>
        </div>
        <div class="row">
          <div><label for="a-metric">Metric</label><select id="a-metric" name="metric">{{#metrics}}<option>{{.}}</option>{{/metrics}}</select></div>
          <div><label for="a-mode">Bins</label><select id="a-mode" name="binMode"><option>quantile</option><option>equal</option></select></div>
          <div><label for="a-bins">Number of bins</label><input type="number" id="a-bins" name="numBins" value="5" min="1"></div>
          <div><label for="a-warn">Warning at</label><input type="text" id="a-warn" name="warning" placeholder="0.1"></div>
          <div><label for="a-alert">Alert at</label><input type="text" id="a-alert" name="alert" value="0.25"></div>
          <div><label for="a-min">Min values</label><input type="number" id="a-min" name="minCount" value="1" min="1"></div>
        </div>
        <label for="a-hook">Webhook for alerts (optional)</label><input type="text" id="a-hook" name="webhook" placeholder="https://hooks.example/drift">
        <div class="actions"><button type="submit" name="preview" value="1" class="secondary" id="preview-button">Preview</button><button type="submit" name="create" value="1">Create assay</button></div>
      </div>
    </form>
    <div id="preview"></div>
    """

    static let assayPreview = """
    <div class="charts">
      <div class="card chart"><h2>Score by window</h2>{{{scores}}}</div>
      <div class="card chart"><h2>Baseline ({{baselineCount}} values) vs window</h2>{{{histogram}}}</div>
    </div>
    <div class="card" id="preview-table">
      <table><tr><th>Window from</th><th class="num">Values</th><th class="num">Score</th><th>Status</th></tr>
      {{#rows}}<tr><td>{{start}}</td><td class="num">{{count}}</td><td class="num">{{score}}</td><td><span class="badge {{status}}">{{status}}</span></td></tr>{{/rows}}
      </table>
    </div>
    """

    static let assay = """
    {{#assay}}
    <h1>{{name}} {{^active}}<span class="badge">paused</span>{{/active}}</h1>
    <p class="sub">Pipeline <a href="/ui/pipelines/{{pipeline}}">{{pipeline}}</a> · field <span class="mono">{{iopath}}</span> · workspace <a href="/ui/assays?workspace={{workspace}}">{{workspace}}</a></p>
    <div class="actions" style="margin:0 0 16px">
      <form class="inline" method="post" action="/ui/assays/{{id}}/active"><input type="hidden" name="_csrf" value="{{csrf}}">
        {{#active}}<input type="hidden" name="active" value="false"><button class="secondary" type="submit">Pause</button>{{/active}}
        {{^active}}<input type="hidden" name="active" value="true"><button class="secondary" type="submit">Resume</button>{{/active}}</form>
      <form class="inline" method="post" action="/ui/assays/{{id}}/delete"><input type="hidden" name="_csrf" value="{{csrf}}"><button class="danger" type="submit">Delete</button></form>
    </div>
    {{/assay}}
    <div class="card small">Metric {{metric}} · windows of {{width}} · {{thresholds}} · baseline {{baselineRange}}</div>
    <div class="charts">
      <div class="card chart"><h2>Score over time</h2>{{{scores}}}</div>
      <div class="card chart"><h2>Baseline vs latest window</h2>{{{histogram}}}</div>
    </div>
    <div class="card">
      <h2>Results</h2>
      <table><tr><th>Window from</th><th class="num">Values</th><th class="num">Score</th><th>Status</th></tr>
      {{#rows}}<tr><td>{{start}}</td><td class="num">{{count}}</td><td class="num">{{score}}</td><td><span class="badge {{status}}">{{status}}</span></td></tr>{{/rows}}
      </table>
      {{^rows}}<p class="muted">No window has closed yet.</p>{{/rows}}
    </div>
    """
}
