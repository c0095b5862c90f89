extension UITemplates {
    static var explainTemplates: [(String, String)] {
        [("explain", explain)]
    }

    static let explain = """
    <h1>Why did {{name}} predict that?</h1>
    <p class="sub"><a href="/ui/pipelines/{{name}}">Pipeline</a> · inputs <span class="mono">{{inputs}}</span> · SHAP values against a sample of the logged rows</p>
    {{^deployed}}<div class="flash error">The pipeline is not running; deploy it to explain its predictions.</div>{{/deployed}}
    <div class="grid">
      <div class="card">
        <h2>One prediction</h2>
        <form method="post" action="/ui/pipelines/{{name}}/explain" id="explain-form">
          <input type="hidden" name="_csrf" value="{{csrf}}">
          <label for="e-pick">Pick a logged row</label>
          <select id="e-pick" data-fill="#e-row"><option value="">(recent rows)</option>{{#choices}}<option value="{{json}}">{{label}}</option>{{/choices}}</select>
          <label for="e-row">…or paste one (a JSON object of inputs)</label>
          <textarea id="e-row" name="row">{{row}}</textarea>
          <div class="row">
            <div><label for="e-method">Method</label><select id="e-method" name="method">{{#methods}}<option>{{.}}</option>{{/methods}}</select></div>
            <div><label for="e-output">Output</label><select id="e-output" name="output"><option value="">(first numeric)</option>{{#outputs}}<option>{{.}}</option>{{/outputs}}</select></div>
            <div><label for="e-samples">Background rows</label><input type="number" id="e-samples" name="samples" value="100" min="1"></div>
          </div>
          <div class="actions"><button type="submit">Explain</button></div>
        </form>
      </div>
      <div class="card">
        <h2>The whole model</h2>
        <p class="small muted">Global importance (mean |SHAP|) and partial dependence over a sample of the logged rows.</p>
        <form method="post" action="/ui/pipelines/{{name}}/explain/global" id="global-form">
          <input type="hidden" name="_csrf" value="{{csrf}}">
          <div class="row">
            <div><label for="g-output">Output</label><select id="g-output" name="output"><option value="">(first numeric)</option>{{#outputs}}<option>{{.}}</option>{{/outputs}}</select></div>
            <div><label for="g-samples">Rows</label><input type="number" id="g-samples" name="samples" value="100" min="1"></div>
          </div>
          <div class="actions"><button type="submit" class="secondary">Global importance</button></div>
        </form>
      </div>
    </div>
    {{#method}}<p class="small muted">Computed with the {{method}} method.</p>{{/method}}
    <div id="explanation">
    {{#charts}}<div class="card chart"><h2>{{title}}</h2>{{{svg}}}</div>{{/charts}}
    </div>
    {{#hasDependence}}<h2>Partial dependence</h2>{{/hasDependence}}
    <div class="charts">{{#dependence}}<div class="card chart"><h2>{{title}}</h2>{{{svg}}}</div>{{/dependence}}</div>
    """
}
