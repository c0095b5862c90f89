extension UITemplates {
    static var pipelineTemplates: [(String, String)] {
        [("pipelines", pipelines), ("pipeline", pipeline), ("steps", steps), ("dashboard", dashboard), ("dashboard-live", dashboardLive),
         ("panel-routes", panelRoutes), ("panel-canary", panelCanary)]
    }

    /// The steps of a version (`diagram`) as boxes joined by arrows, from inputs to outputs.
    static let steps = """
    <div class="steps">
      <div class="step io"><div class="kind">input</div></div><div class="arrow"></div>
      {{#diagram}}<div class="step"><div class="kind">{{kind}}</div>{{#routes}}<div class="route">{{.}}</div>{{/routes}}</div><div class="arrow"></div>{{/diagram}}
      <div class="step io"><div class="kind">output</div></div>
    </div>
    """

    static let pipelines = """
    <h1>Pipelines</h1>
    <p class="sub">Every pipeline you can see, in every workspace you belong to.</p>
    <div class="card">
      <table>
        <tr><th>Pipeline</th><th>Workspace</th><th class="num">Latest</th><th>Deployment</th><th>Steps</th></tr>
        {{#pipelines}}
        <tr><td><a href="/ui/pipelines/{{name}}">{{name}}</a></td><td>{{workspace}}</td><td class="num">v{{version}}</td><td><span class="badge {{state}}">{{state}}</span></td><td class="mono small">{{steps}}</td></tr>
        {{/pipelines}}
      </table>
      {{^pipelines}}<p class="muted">No pipelines yet.</p>{{/pipelines}}
    </div>
    <div class="card">
      <h2>Create a pipeline (or a new version of one)</h2>
      <form method="post" action="/ui/pipelines" id="pipeline-form">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <div class="row">
          <div><label for="p-name">Name</label><input type="text" id="p-name" name="name" placeholder="fraud"></div>
          <div><label for="p-ws">Workspace</label><select id="p-ws" name="workspace">{{#workspaces}}<option>{{.}}</option>{{/workspaces}}</select></div>
          <div><label for="p-models">Models, in order (comma-separated)</label><input type="text" id="p-models" name="models" placeholder="scaler, classifier"></div>
        </div>
        <label for="p-steps">…or the steps as JSON (split, shadow and validation steps)</label>
        <textarea id="p-steps" name="steps" placeholder='[{"model": {"name": "fraud-model"}}, {"validations": {"likely_fraud": "out.probabilities[1] > 0.9"}}]'></textarea>
        <div class="actions"><button type="submit">Create</button></div>
      </form>
    </div>
    """

    static let pipeline = """
    <h1>{{name}} <span class="badge {{state}}">{{state}}</span></h1>
    <p class="sub">Workspace {{workspace}} ·
      <a href="/ui/pipelines/{{name}}/dashboard">Dashboard</a> ·
      <a href="/ui/pipelines/{{name}}/logs">Logs</a> ·
      <a href="/ui/pipelines/{{name}}/explain">Explain</a> ·
      <a href="/ui/assays?workspace={{workspace}}">Assays</a></p>
    {{#failed}}<div class="flash error">The deployment failed: {{failed}}</div>{{/failed}}
    <div class="card">
      <h2>Steps{{#deployment}} of the deployed version {{version}}{{/deployment}}</h2>
      {{> steps}}
      <p class="small muted">inputs <span class="mono">{{inputs}}</span><br>outputs <span class="mono">{{outputs}}</span></p>
    </div>
    <div class="grid">
      <div class="card">
        <h2>Deployment</h2>
        {{#deployment}}
        <table>
          <tr><td>Version</td><td>{{version}}</td></tr>
          <tr><td>State</td><td><span class="badge {{state}}">{{state}}</span></td></tr>
          <tr><td>Replicas</td><td>{{replicas}} of {{config.replicas}}</td></tr>
          <tr><td>Batching</td><td>up to {{config.batching.maxBatchSize}} rows within {{config.batching.maxDelayMicros}} µs</td></tr>
          <tr><td>Queue capacity</td><td>{{config.queueCapacity}}</td></tr>
          <tr><td>Updated</td><td>{{updated}}</td></tr>
        </table>
        {{/deployment}}
        {{^deployment}}<p class="muted">Not deployed.</p>{{/deployment}}
        {{#canDeploy}}
        <div class="actions">
          {{#previous}}<form class="inline" method="post" action="/ui/pipelines/{{name}}/deploy"><input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="version" value="{{previous}}"><button class="secondary" type="submit">Roll back to v{{previous}}</button></form>{{/previous}}
          {{#deployment}}<form class="inline" method="post" action="/ui/pipelines/{{name}}/undeploy"><input type="hidden" name="_csrf" value="{{csrf}}"><button class="danger" type="submit">Undeploy</button></form>{{/deployment}}
        </div>
        {{/canDeploy}}
      </div>
      {{#canDeploy}}
      <div class="card">
        <h2>Deploy</h2>
        <form method="post" action="/ui/pipelines/{{name}}/deploy" id="deploy-form">
          <input type="hidden" name="_csrf" value="{{csrf}}">
          <div class="row">
            <div><label for="d-version">Version</label><input type="number" id="d-version" name="version" value="{{latest}}" min="1"></div>
            <div><label for="d-replicas">Replicas</label><input type="number" id="d-replicas" name="replicas" value="{{config.replicas}}" min="1" max="64"></div>
          </div>
          <div class="row">
            <div><label for="d-batch">Max batch size</label><input type="number" id="d-batch" name="maxBatchSize" value="{{config.batching.maxBatchSize}}" min="1"></div>
            <div><label for="d-delay">Max delay (µs)</label><input type="number" id="d-delay" name="maxDelayMicros" value="{{config.batching.maxDelayMicros}}" min="0"></div>
            <div><label for="d-queue">Queue capacity</label><input type="number" id="d-queue" name="queueCapacity" value="{{config.queueCapacity}}" min="1"></div>
          </div>
          <div class="actions"><button type="submit">Deploy</button></div>
        </form>
      </div>
      {{/canDeploy}}
    </div>
    <div class="card">
      <h2>Versions</h2>
      <table>
        <tr><th>Version</th><th>Created</th><th>Steps</th><th></th></tr>
        {{#versions}}
        <tr><td>v{{version}} {{#deployed}}<span class="badge running">deployed</span>{{/deployed}}</td><td>{{created}}</td>
          <td class="mono small">{{#steps}}{{kind}}({{#routes}}{{.}} {{/routes}}) {{/steps}}</td>
          <td>{{#canRollTo}}<form class="inline" method="post" action="/ui/pipelines/{{name}}/deploy"><input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="version" value="{{version}}"><button class="secondary" type="submit">Deploy v{{version}}</button></form>{{/canRollTo}}</td></tr>
        {{/versions}}
      </table>
    </div>
    """

    static let dashboard = """
    <h1>{{name}} <span class="badge {{state}}">{{state}}</span></h1>
    <p class="sub">Workspace {{workspace}} · <a href="/ui/pipelines/{{name}}">Pipeline</a> · <a href="/ui/pipelines/{{name}}/logs">Logs</a> · <span class="live">live, every 5 s</span></p>
    <div id="live" data-refresh="{{liveURL}}" data-every="5">{{{live}}}</div>
    {{#extraPanels}}{{{.}}}{{/extraPanels}}
    """

    static let panelRoutes = """
    <div class="card" id="routes-panel">
      <h2>Routes compared, last hour</h2>
      <table>
        <tr><th>Step</th><th>Model</th><th>Role</th><th class="num">Runs</th><th class="num">Rows</th><th class="num">Errors</th><th class="num">p50</th><th class="num">p99</th><th>Output means</th><th>Mean |diff| vs champion</th></tr>
        {{#rows}}<tr><td>{{step}}</td><td>{{model}} <span class="mono small muted">{{version}}</span></td><td><span class="badge">{{role}}</span></td><td class="num">{{runs}}</td><td class="num">{{rows}}</td>
          <td class="num">{{errors}} ({{errorRate}})</td><td class="num">{{p50}}</td><td class="num">{{p99}}</td><td class="mono small">{{means}}</td><td class="mono small">{{difference}}</td></tr>{{/rows}}
      </table>
    </div>
    <div class="charts">
      <div class="card chart"><h2>Rows per route</h2>{{{rowsChart}}}</div>
      <div class="card chart"><h2>Latency p99 per route</h2>{{{latencyChart}}}</div>
    </div>
    """

    static let panelCanary = """
    <div class="card" id="canary-panel">
      <h2>Canary <span class="badge {{state}}">{{state}}</span></h2>
      <p>Challenger <span class="mono">{{challenger}}</span> takes <strong>{{share}}</strong> of the traffic from <span class="mono">{{champion}}</span> ({{step}}; plan {{plan}}).</p>
      {{#reason}}<p class="flash error">{{reason}}</p>{{/reason}}
      <div class="charts"><div class="chart">{{{chart}}}</div>
      <div><table><tr><th>At</th><th>Event</th><th class="num">Share</th><th class="num">Version</th><th>Message</th></tr>
      {{#events}}<tr><td class="small">{{at}}</td><td>{{event}}</td><td class="num">{{share}}</td><td class="num">v{{version}}</td><td class="small">{{message}}</td></tr>{{/events}}
      </table></div></div>
    </div>
    """

    static let dashboardLive = """
    <div class="stats">
      <div class="stat"><div class="v">{{requestsPerSecond}}</div><div class="k">requests/s (5 min)</div></div>
      <div class="stat"><div class="v">{{rowsPerSecond}}</div><div class="k">rows/s (5 min)</div></div>
      <div class="stat"><div class="v">{{p50}}</div><div class="k">latency p50</div></div>
      <div class="stat"><div class="v">{{p99}}</div><div class="k">latency p99</div></div>
      <div class="stat"><div class="v" id="stat-requests">{{requests}}</div><div class="k">requests (5 min)</div></div>
      <div class="stat"><div class="v">{{errors}}</div><div class="k">errors (5 min)</div></div>
      <div class="stat"><div class="v">{{replicas}}</div><div class="k">replicas</div></div>
      <div class="stat"><div class="v">{{queueDepth}}</div><div class="k">queue depth</div></div>
    </div>
    <div class="charts">
      <div class="card chart"><h2>Traffic, last hour</h2>{{{traffic}}}</div>
      <div class="card chart"><h2>Latency, last hour</h2>{{{latency}}}</div>
      <div class="card chart"><h2>Errors and anomalies, last hour</h2>{{{errorChart}}}</div>
    </div>
    <p class="small muted">Updated {{updated}}.</p>
    """
}
