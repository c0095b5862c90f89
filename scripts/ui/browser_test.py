"""Drives the Lastmile web UI in headless Chromium, as a person would, and fails on the first surprise.

Sign in with a token, create a workspace, upload a model with the upload form, create a pipeline,
deploy it, send inferences through the JSON API, then check that the dashboard and the logs show
them, preview an assay and explain a prediction. Saves a screenshot of every page it checks.
"""
import argparse
import datetime
import json
import os
import sys
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--chromium", required=True)
    parser.add_argument("--driver", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--screenshots", required=True)
    return parser.parse_args()


class UITest:
    def __init__(self, args):
        self.args = args
        options = webdriver.ChromeOptions()
        options.binary_location = args.chromium
        for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900"):
            options.add_argument(flag)
        self.driver = webdriver.Chrome(service=Service(executable_path=args.driver), options=options)
        self.wait = WebDriverWait(self.driver, 20)
        self.step = 0

    # helpers
    def go(self, path):
        self.driver.get(self.args.url + path)

    def find(self, css):
        return self.wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, css)))

    def fill(self, css, text):
        element = self.find(css)
        element.clear()
        element.send_keys(text)

    def set_value(self, css, value):
        self.driver.execute_script("arguments[0].value = arguments[1]", self.find(css), value)

    def submit(self, form_css, button="button[type=submit]"):
        self.find(f"{form_css} {button}").click()

    def expect_text(self, text, where="body"):
        def present(driver):
            # The page may be between two loads: any lookup error just means "not yet".
            try:
                return text in driver.find_element(By.CSS_SELECTOR, where).text
            except WebDriverException:
                return False
        try:
            self.wait.until(present)
        except TimeoutException:
            body = self.driver.find_element(By.CSS_SELECTOR, "body").text[:1500]
            raise AssertionError(f"expected {text!r} in {where} of {self.driver.current_url}; the page says:\n{body}")

    def expect_no_error(self):
        errors = self.driver.find_elements(By.CSS_SELECTOR, ".flash.error")
        assert not errors, f"{self.driver.current_url} shows an error: {errors[0].text}"

    def screenshot(self, name):
        self.step += 1
        height = self.driver.execute_script("return Math.max(document.body.scrollHeight, 900)")
        self.driver.set_window_size(1280, min(height + 40, 4000))
        path = os.path.join(self.args.screenshots, f"{self.step:02d}-{name}.png")
        self.driver.save_screenshot(path)
        self.driver.set_window_size(1280, 900)
        print(f"  screenshot {os.path.basename(path)}")

    def api(self, method, path, body):
        request = urllib.request.Request(self.args.url + path, data=json.dumps(body).encode(), method=method,
                                         headers={"Authorization": f"Bearer {self.args.token}", "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as reply:
            return json.loads(reply.read())

    # the flow
    def run(self):
        print("sign in")
        self.go("/")
        self.find("#token")
        assert "/ui/login" in self.driver.current_url, "/ should lead to the sign-in page without a session"
        self.screenshot("sign-in")
        self.fill("#token", "lm_not_a_token")
        self.submit("form")
        self.expect_text("that token is not valid")
        self.fill("#token", self.args.token)
        self.submit("form")
        self.expect_text("Signed in as admin")
        cookie = self.driver.get_cookie("lm_session")
        assert cookie and cookie["httpOnly"] and cookie.get("sameSite") == "Strict", f"session cookie {cookie}"

        print("create a workspace and upload a model")
        self.fill("#ws-name", "team")
        self.submit("form[action='/ui/workspaces']")
        self.expect_text("created workspace team")
        self.fill("#model-name", "fraud-model")
        self.find("#model-file").send_keys(os.path.abspath(self.args.model))
        self.submit("#upload-form")
        self.expect_text("uploaded fraud-model version")
        self.expect_text("X FP32[-1, 6]")
        self.screenshot("workspace")

        print("create and deploy a pipeline")
        self.go("/ui/pipelines")
        self.fill("#p-name", "fraud")
        self.fill("#p-models", "fraud-model")
        self.submit("#pipeline-form")
        self.expect_text("created pipeline fraud version 1")
        self.set_value("#d-replicas", "2")
        self.submit("#deploy-form")
        self.expect_text("version 1 is running on 2 replica(s)")
        self.expect_text("running", ".badge.running")
        self.screenshot("pipeline")

        print("infer through the API")
        rows = [{"X": [i * 0.5, 1, 2, 3, 4, 5 - i]} for i in range(8)]
        for _ in range(5):
            replies = self.api("POST", "/v1/pipelines/fraud/infer", rows)
            assert len(replies) == len(rows)

        print("dashboard")
        self.go("/ui/pipelines/fraud/dashboard")
        self.expect_text("5", "#stat-requests")
        assert self.driver.find_elements(By.CSS_SELECTOR, "#live svg path.series"), "the dashboard draws no series"
        # the live part refreshes by itself: one more request shows up without reloading
        self.api("POST", "/v1/pipelines/fraud/infer", rows[:1])
        self.expect_text("6", "#stat-requests")
        self.screenshot("dashboard")

        print("logs")
        self.go("/ui/pipelines/fraud/logs")
        self.expect_text("41 row(s)")
        self.find("#log-table details").click()
        self.expect_text("prediction_id", "#log-table")
        self.screenshot("logs")
        self.find("#l-limit").clear()
        self.fill("#l-limit", "5")
        self.submit("#log-filter")
        self.expect_text("5 row(s)")
        export = self.driver.find_element(By.LINK_TEXT, "CSV").get_attribute("href")
        assert "/ui/pipelines/fraud/logs/export?format=csv" in export, export

        print("assay preview")
        now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
        local = lambda t: t.strftime("%Y-%m-%dT%H:%M:%S")
        self.go("/ui/assays/new?workspace=team&pipeline=fraud")
        self.fill("#a-name", "x0-drift")
        self.fill("#a-iopath", "in.X[0]")
        self.set_value("#a-bs", local(now - datetime.timedelta(minutes=10)))
        self.set_value("#a-be", local(now + datetime.timedelta(minutes=1)))
        self.set_value("#a-ws", local(now - datetime.timedelta(minutes=10)))
        self.fill("#a-width", "5m")
        self.fill("#a-count", "3")
        self.find("#preview-button").click()
        self.find("#preview-table")
        self.expect_text("Baseline (41 values)", "#preview")
        assert self.driver.find_elements(By.CSS_SELECTOR, "#preview svg rect.bar"), "the preview draws no histogram"
        self.screenshot("assay-preview")
        self.find("#assay-form button[name=create]").click()
        self.expect_text("created assay x0-drift")
        self.screenshot("assay")

        print("explanation")
        self.go("/ui/pipelines/fraud/explain")
        row = self.find("#e-row").get_attribute("value")
        assert '"X"' in row, f"the form is not filled with a logged row: {row!r}"
        self.submit("#explain-form")
        self.find("#explanation svg rect.bar")
        self.expect_no_error()
        self.screenshot("explain")
        self.submit("#global-form")
        self.find("#explanation svg rect.bar")
        self.expect_no_error()
        self.screenshot("explain-global")

        print("canary on the dashboard")
        with open(self.args.model, "rb") as model:
            upload = urllib.request.Request(self.args.url + "/v1/workspaces/team/models/fraud-model-v2", data=model.read(), method="POST",
                                            headers={"Authorization": f"Bearer {self.args.token}", "Content-Type": "application/octet-stream"})
            urllib.request.urlopen(upload, timeout=30).read()
        self.api("POST", "/v1/pipelines/fraud/canary", {"challenger": {"name": "fraud-model-v2"}, "steps": [50, 100], "interval": "10m",
                                                          "rollback": {"maxErrorRate": 0.5}})
        for _ in range(10):
            self.api("POST", "/v1/pipelines/fraud/infer", rows[:2])
        self.go("/ui/pipelines/fraud/dashboard")
        self.expect_text("fraud-model-v2", "#routes-panel")
        self.expect_text("50%", "#canary-panel")
        self.screenshot("dashboard-canary")

        print("sign out")
        self.find("header form button").click()
        self.find("#token")
        self.go("/ui/pipelines")
        self.find("#token")
        assert "/ui/login" in self.driver.current_url, "pages need a session after signing out"

    def close(self):
        self.driver.quit()


def main():
    args = parse_args()
    test = UITest(args)
    try:
        test.run()
    except Exception as error:
        try:
            test.screenshot("failure")
        except Exception:
            pass
        print(f"browser test: FAILED: {error}", file=sys.stderr)
        test.close()
        return 1
    test.close()
    print("browser test: 1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
