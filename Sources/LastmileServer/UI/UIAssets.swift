/// The UI's stylesheet and script, hand-written and served as they are (no build step).
enum UIAssets {
    static let css = """
    *{box-sizing:border-box}
    body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:14px;color:#1f2937;background:#f3f4f6;line-height:1.45}
    a{color:#1d4ed8;text-decoration:none}a:hover{text-decoration:underline}
    header.top{background:#111827;color:#f9fafb;display:flex;align-items:center;gap:24px;padding:0 24px;height:48px}
    header.top .brand{font-weight:700;font-size:16px;color:#fff;letter-spacing:.02em}
    header.top nav a{color:#d1d5db;margin-right:16px}header.top nav a.active,header.top nav a:hover{color:#fff}
    header.top .who{margin-left:auto;display:flex;align-items:center;gap:12px;color:#9ca3af}
    header.top .who form{margin:0}
    main{max-width:1120px;margin:0 auto;padding:24px}
    h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:0 0 12px}h3{font-size:14px;margin:12px 0 8px}
    .sub{color:#6b7280;margin:0 0 20px}
    .card{background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:16px 20px;margin-bottom:20px}
    .grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:20px}
    .grid>.card{margin-bottom:0}
    table{width:100%;border-collapse:collapse}
    th,td{text-align:left;padding:7px 10px;border-bottom:1px solid #f0f1f3;vertical-align:top}
    th{font-size:12px;color:#6b7280;font-weight:600;text-transform:uppercase;letter-spacing:.03em}
    td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
    code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:12.5px}
    pre{background:#f9fafb;border:1px solid #e5e7eb;border-radius:6px;padding:10px;overflow:auto;font-size:12.5px;margin:6px 0}
    .badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;background:#e5e7eb;color:#374151}
    .badge.running,.badge.ok{background:#dcfce7;color:#166534}.badge.starting,.badge.warning{background:#fef9c3;color:#854d0e}
    .badge.failed,.badge.alert,.badge.rolledBack,.badge.aborted{background:#fee2e2;color:#991b1b}.badge.promoted{background:#dcfce7;color:#166534}.badge.insufficient_data,.badge.none{background:#f3f4f6;color:#6b7280}
    form.inline{display:inline}
    label{display:block;font-size:12px;font-weight:600;color:#4b5563;margin:10px 0 4px}
    input[type=text],input[type=password],input[type=number],input[type=datetime-local],select,textarea{width:100%;padding:7px 9px;border:1px solid #d1d5db;border-radius:6px;font:inherit;background:#fff}
    textarea{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:12.5px;min-height:90px}
    .row{display:flex;gap:12px;flex-wrap:wrap;align-items:flex-end}.row>div{flex:1;min-width:140px}
    button,.button{display:inline-block;padding:7px 14px;border-radius:6px;border:1px solid #1d4ed8;background:#2563eb;color:#fff;font:inherit;font-weight:600;cursor:pointer}
    button.secondary,.button.secondary{background:#fff;color:#1f2937;border-color:#d1d5db}
    button.danger{background:#dc2626;border-color:#b91c1c}
    button.link{background:none;border:none;color:#d1d5db;padding:0;font-weight:400}
    .actions{display:flex;gap:8px;flex-wrap:wrap;margin-top:12px}
    .flash{padding:10px 14px;border-radius:6px;margin-bottom:16px;background:#dcfce7;color:#166534;border:1px solid #bbf7d0}
    .flash.error{background:#fee2e2;color:#991b1b;border-color:#fecaca}
    .stats{display:grid;grid-template-columns:repeat(auto-fit,minmax(118px,1fr));gap:12px;margin-bottom:20px}
    .stat{background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:12px 14px}
    .stat .v{font-size:20px;font-weight:700;font-variant-numeric:tabular-nums;white-space:nowrap}.stat .k{font-size:12px;color:#6b7280}
    .chart svg{width:100%;max-width:820px;height:auto;display:block}
    .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(460px,1fr));gap:20px;margin-bottom:20px}
    .charts>.card{margin-bottom:0}
    .steps{display:flex;align-items:center;flex-wrap:wrap;gap:0;margin:8px 0}
    .step{border:1px solid #c7d2fe;background:#eef2ff;border-radius:8px;padding:8px 12px;min-width:120px}
    .step .kind{font-size:11px;text-transform:uppercase;color:#4f46e5;font-weight:700;letter-spacing:.04em}
    .step .route{font-family:ui-monospace,monospace;font-size:12px}
    .step.io{background:#f9fafb;border-color:#e5e7eb}.step.io .kind{color:#6b7280}
    .arrow{width:28px;height:2px;background:#9ca3af;position:relative;margin:0 4px}
    .arrow:after{content:"";position:absolute;right:-1px;top:-4px;border:5px solid transparent;border-left:7px solid #9ca3af;border-right:0}
    details summary{cursor:pointer}
    .muted{color:#6b7280}.small{font-size:12px}
    .login{max-width:420px;margin:80px auto}
    .live{font-size:12px;color:#6b7280}.live:before{content:"●";color:#16a34a;margin-right:4px}
    """

    static let javascript = """
    // Lastmile UI: live refresh, uploads and previews with the page's CSRF token.
    (function () {
      const csrf = document.querySelector('meta[name="csrf-token"]')?.content || '';

      // Replace the element's content with the fragment at data-refresh every data-every seconds.
      document.querySelectorAll('[data-refresh]').forEach(function (el) {
        const every = (parseInt(el.dataset.every, 10) || 5) * 1000;
        async function tick() {
          try {
            const reply = await fetch(el.dataset.refresh, { credentials: 'same-origin', headers: { 'X-CSRF-Token': csrf } });
            if (reply.ok) { el.innerHTML = await reply.text(); }
          } catch (e) { /* try again next time */ }
          setTimeout(tick, every);
        }
        setTimeout(tick, every);
      });

      // Upload a model file as the request body.
      document.querySelectorAll('form[data-upload]').forEach(function (form) {
        form.addEventListener('submit', async function (event) {
          event.preventDefault();
          const status = form.querySelector('.status');
          const file = form.querySelector('input[type=file]').files[0];
          const name = form.querySelector('input[name=name]').value.trim();
          if (!file || !name) { status.textContent = 'choose a file and a name'; return; }
          status.textContent = 'uploading ' + file.name + '…';
          const url = form.dataset.upload + '?name=' + encodeURIComponent(name);
          const reply = await fetch(url, { method: 'POST', body: file, credentials: 'same-origin',
            headers: { 'Content-Type': 'application/octet-stream', 'X-CSRF-Token': csrf } });
          if (reply.redirected) { window.location = reply.url; return; }
          status.innerHTML = await reply.text();  // the server's escaped message
        });
      });

      // Post the form and show the returned fragment in data-target (previews); with data-live,
      // again whenever a field changes.
      document.querySelectorAll('form[data-fragment]').forEach(function (form) {
        const target = document.querySelector(form.dataset.target);
        let timer = null;
        let latest = 0;
        async function preview() {
          const mine = ++latest;  // only the newest request's answer is shown
          target.innerHTML = '<p class="muted">working…</p>';
          const reply = await fetch(form.dataset.fragment, { method: 'POST', credentials: 'same-origin',
            body: new URLSearchParams(new FormData(form)),
            headers: { 'X-CSRF-Token': csrf } });
          const text = await reply.text();
          if (mine === latest) { target.innerHTML = text; }
        }
        form.addEventListener('submit', function (event) {
          if (event.submitter && event.submitter.name !== 'preview') { return; }
          event.preventDefault();
          preview();
        });
        if (form.dataset.live !== undefined) {
          form.addEventListener('change', function () {
            clearTimeout(timer);
            timer = setTimeout(preview, 400);
          });
        }
      });

      // Copy a logged row's input into the explanation form.
      document.querySelectorAll('select[data-fill]').forEach(function (select) {
        select.addEventListener('change', function () {
          const target = document.querySelector(select.dataset.fill);
          if (select.value) { target.value = select.value; }
        });
      });
    })();
    """
}
