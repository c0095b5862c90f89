/// The UI's Mustache templates by name. Pages render into the layout's `{{{body}}}`.
enum UITemplates {
    static var all: [(String, String)] {
        [("layout", layout), ("login", login), ("error", error), ("overview", overview), ("workspace", workspace), ("user-created", userCreated)]
            + pipelineTemplates + logTemplates + assayTemplates + explainTemplates
    }

    static let layout = """
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    {{#csrf}}<meta name="csrf-token" content="{{csrf}}">{{/csrf}}
    <title>{{title}} · Lastmile</title>
    <link rel="stylesheet" href="/ui/static/app.css">
    <script src="/ui/static/app.js" defer></script>
    </head>
    <body>
    <header class="top">
      <a class="brand" href="/ui">Lastmile</a>
      {{#user}}
      <nav>
        <a href="/ui/pipelines" {{#navPipelines}}class="active"{{/navPipelines}}>Pipelines</a>
        <a href="/ui" {{#navWorkspaces}}class="active"{{/navWorkspaces}}>Workspaces &amp; models</a>
        <a href="/ui/assays" {{#navAssays}}class="active"{{/navAssays}}>Assays</a>
      </nav>
      <div class="who"><span>{{user}}</span>
        <form method="post" action="/ui/logout"><input type="hidden" name="_csrf" value="{{csrf}}"><button class="link" type="submit">Sign out</button></form>
      </div>
      {{/user}}
    </header>
    <main>
    {{#flash}}<div class="flash">{{flash}}</div>{{/flash}}
    {{#error}}<div class="flash error">{{error}}</div>{{/error}}
    {{{body}}}
    </main>
    </body>
    </html>
    """

    static let login = """
    <div class="login card">
      <h1>Sign in</h1>
      <p class="sub">Paste your Lastmile token. The admin token is printed at the server's first start and kept in <code>&lt;data-dir&gt;/admin.token</code>.</p>
      <form method="post" action="/ui/login">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <input type="hidden" name="next" value="{{next}}">
        <label for="token">Token</label>
        <input type="password" id="token" name="token" autocomplete="off" autofocus>
        <div class="actions"><button type="submit">Sign in</button></div>
      </form>
    </div>
    """

    static let error = """
    <div class="card"><h1>{{heading}}</h1><p>{{message}}</p><p><a href="/ui">Back to the overview</a></p></div>
    """

    static let overview = """
    <h1>Workspaces</h1>
    <p class="sub">Signed in as <strong>{{user}}</strong>{{#admin}} (admin){{/admin}}.</p>
    <div class="grid">
    {{#workspaces}}
      <div class="card">
        <h2><a href="/ui/workspaces/{{name}}">{{name}}</a></h2>
        <table><tr><th>Member</th><th>Role</th></tr>
        {{#members}}<tr><td>{{user}}</td><td><span class="badge">{{role}}</span></td></tr>{{/members}}
        </table>
      </div>
    {{/workspaces}}
    {{^workspaces}}<div class="card"><p class="muted">You are not a member of any workspace yet.</p></div>{{/workspaces}}
    </div>
    <div class="card" style="margin-top:20px">
      <h2>Create a workspace</h2>
      <form method="post" action="/ui/workspaces" class="row">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <div><label for="ws-name">Name</label><input type="text" id="ws-name" name="name" placeholder="team"></div>
        <div style="flex:0"><button type="submit">Create</button></div>
      </form>
    </div>
    {{#admin}}
    <div class="card">
      <h2>Create a user (admins)</h2>
      <form method="post" action="/ui/users" class="row" id="user-form">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <div><label for="u-name">Name</label><input type="text" id="u-name" name="name" placeholder="alice"></div>
        <div style="flex:0 0 160px"><label><input type="checkbox" name="admin" value="true"> admin</label></div>
        <div style="flex:0"><button type="submit">Create</button></div>
      </form>
    </div>
    {{/admin}}
    """

    static let userCreated = """
    <h1>User {{name}} created</h1>
    <div class="card">
      <p>Their token is shown <strong>this once</strong>; the server keeps only its hash. Hand it over now; if it is lost, create another user or replace the token with the API.</p>
      <pre id="new-token">{{token}}</pre>
      <p><a href="/ui">Back to the overview</a></p>
    </div>
    """

    static let workspace = """
    <h1>Workspace {{name}}</h1>
    <p class="sub">Your role: <span class="badge">{{role}}</span> · <a href="/ui/assays?workspace={{name}}">assays</a></p>
    <div class="card">
      <h2>Models</h2>
      {{#models}}
      <h3>{{name}}</h3>
      <table>
        <tr><th>Version</th><th>Created</th><th>Status</th><th>Inputs</th><th>Outputs</th><th class="num">Size</th><th>sha256</th></tr>
        {{#versions}}
        <tr><td class="mono">{{id}}</td><td>{{created}}</td><td><span class="badge">{{status}}</span>{{#statusMessage}}<div class="small muted">{{statusMessage}}</div>{{/statusMessage}}</td><td class="mono">{{inputs}}</td><td class="mono">{{outputs}}</td><td class="num">{{size}}</td><td class="mono small" title="{{sha256}}">{{shaShort}}</td></tr>
        {{/versions}}
      </table>
      {{/models}}
      {{^models}}<p class="muted">No models yet.</p>{{/models}}
    </div>
    <div class="grid">
      {{#canUpload}}
      <div class="card">
        <h2>Upload a model</h2>
        <form data-upload="/ui/workspaces/{{name}}/models" id="upload-form">
          <label for="model-name">Model name</label><input type="text" id="model-name" name="name" placeholder="fraud-model">
          <label for="model-file">ONNX file</label><input type="file" id="model-file" name="file" accept=".onnx">
          <div class="actions"><button type="submit">Upload</button></div>
          <p class="status muted small"></p>
        </form>
      </div>
      {{/canUpload}}
      <div class="card">
        <h2>Members</h2>
        <table><tr><th>User</th><th>Role</th></tr>
        {{#members}}<tr><td>{{user}}</td><td><span class="badge">{{role}}</span></td></tr>{{/members}}
        </table>
        {{#canManage}}
        <form method="post" action="/ui/workspaces/{{name}}/members" class="row">
          <input type="hidden" name="_csrf" value="{{csrf}}">
          <div><label for="member-user">User</label><input type="text" id="member-user" name="user"></div>
          <div><label for="member-role">Role</label><select id="member-role" name="role"><option>viewer</option><option>collaborator</option><option>owner</option></select></div>
          <div style="flex:0"><button type="submit">Set role</button></div>
        </form>
        {{/canManage}}
      </div>
    </div>
    """
}
