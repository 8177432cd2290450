"""A resident voting through the ballot over HTTP while something fails underneath.

The fault-load tests (tests/security/test_faults_live.py: a live server whose database
connections keep being cut; tests/stack/test_faults.py: the production stack losing a
service) send the ballot the same way: open it, answer the district step
(``?dzielnica=``) when the ballot asks it first, post one choice, retry while told to,
and keep every status seen and the receipt number. Each test says what an answer
must be (``seen``) and where requests come from (``client``).
"""

import time

import requests
from lxml import html


def pesel_for(birth, serial):
    """A valid PESEL for ``birth``; ``serial`` (0-9999) makes different people."""
    month = birth.month + (20 if birth.year >= 2000 else 0)
    body = f"{birth.year % 100:02d}{month:02d}{birth.day:02d}{serial:04d}"
    weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]
    check = (10 - sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 10) % 10
    return body + str(check)


def ballot_data(page, pesel, name):
    """The form a resident sends: the district if asked, one project of the first pool."""
    tree = html.fromstring(page.content)
    data = {
        "csrfmiddlewaretoken": tree.xpath("//input[@name='csrfmiddlewaretoken']/@value")[0],
        "name": name,
        "pesel": pesel,
        "resident": "on",
        "privacy": "on",
    }
    district = tree.xpath("//select[@name='district']/option[@value!='']/@value")
    if district:
        data["district"] = district[0]
    # One project in the first city-wide pool is a valid ballot whatever the rules.
    choice = tree.xpath(
        "//input[starts-with(@name,'pool_') and (@type='radio' or @type='checkbox') and @value!='']"
    )
    if choice:
        data[choice[0].get("name")] = choice[0].get("value")
    return data


class BallotVoter:
    """One person: ``outcomes`` lists every status seen ("conn" for no answer), in order;
    ``receipt`` is the ballot's number once the portal acknowledged it."""

    def __init__(self, url, pesel, name, *, timeout=30, pause=0.5):
        self.url = url  # the ballot: .../budzet-obywatelski/glosowanie/<edition>/
        self.pesel = pesel
        self.name = name
        self.timeout = timeout
        self.pause = pause  # between tries, so a recovering service is not hammered
        self.outcomes = []
        self.receipt = None

    def client(self):
        """A fresh client for each try (a new connection, new cookies)."""
        return requests.Session()

    def seen(self, response, url):
        """Every answer passes here: a test checks or counts it."""

    def _get(self, client, url):
        page = client.get(url, timeout=self.timeout)
        self.seen(page, url)
        self.outcomes.append(page.status_code)
        return page

    def vote(self, tries=6):
        for _ in range(tries):
            client = self.client()
            try:
                page = target = None
                page = self._get(client, self.url)
                if page.status_code == 200:
                    target = self.url
                    step = html.fromstring(page.content).xpath("//input[@name='dzielnica']/@value")
                    if step:  # the ballot asks the district first (a GET form)
                        target = f"{self.url}?dzielnica={step[0]}"
                        page = self._get(client, target)
                if page.status_code != 200:
                    time.sleep(self.pause)
                    continue
                sent = client.post(
                    target,
                    data=ballot_data(page, self.pesel, self.name),
                    timeout=self.timeout,
                    allow_redirects=False,
                    headers={"Referer": target},  # HTTPS CSRF checks it
                )
                self.seen(sent, target)
            except requests.RequestException:
                self.outcomes.append("conn")
                time.sleep(self.pause)
                continue
            self.outcomes.append(sent.status_code)
            if sent.status_code == 302 and "/karta/" in sent.headers.get("Location", ""):
                self.receipt = sent.headers["Location"].split("/karta/")[1].split("/")[0]
                return
            if sent.status_code == 409:
                return  # told they already voted: an earlier try was stored
            time.sleep(self.pause)
