"""A short scenario with the Python client OpenAPI Generator makes from wireless.yaml.

Run by PythonClientTest with BASE_URL and AUTH_TOKEN of a fresh account and the generated package
on PYTHONPATH. Prints one line per step; any failed check raises, and the exit status is not 0.
"""
import datetime
import os
from urllib.parse import parse_qs, urlparse

import wireless_client
from wireless_client.api.rate_plans_api import RatePlansApi
from wireless_client.api.usage_records_api import UsageRecordsApi


def check(condition, what):
    if not condition:
        raise AssertionError(what)
    print("ok:", what)


configuration = wireless_client.Configuration(host=os.environ["BASE_URL"], access_token=os.environ["AUTH_TOKEN"])
with wireless_client.ApiClient(configuration) as client:
    plans = RatePlansApi(client)

    roaming = plans.create_rate_plan(unique_name="py-roaming", international_roaming=["data", "messaging"])
    check(roaming.international_roaming == ["data", "messaging"],
          "a rate plan with two roaming services (sent as repeated keys): %s" % roaming.international_roaming)
    check(plans.fetch_rate_plan("py-roaming").sid == roaming.sid, "fetched by unique name")

    for i in range(4):
        plans.create_rate_plan(unique_name="py-%d" % i)
    seen, token, pages = [], None, 0
    while True:
        page = plans.list_rate_plan(page_size=2, page_token=token)
        pages += 1
        seen += [plan.sid for plan in page.rate_plans]
        if not page.meta.next_page_url:
            break
        token = parse_qs(urlparse(page.meta.next_page_url).query)["PageToken"][0]
    check(len(seen) == 5 and len(set(seen)) == 5 and pages == 3, "5 plans on 3 pages of 2: %d on %d" % (len(seen), pages))

    plus_one = datetime.timezone(datetime.timedelta(hours=1))
    end = datetime.datetime.now(plus_one).replace(microsecond=0)
    start = end - datetime.timedelta(days=2)
    usage = UsageRecordsApi(client).list_account_usage_record(start=start, end=end, granularity="daily")
    check(len(usage.usage_records) in (2, 3), "a daily usage window given at +01:00: %d records" % len(usage.usage_records))
    check(usage.usage_records[0].period.start <= start.astimezone(datetime.timezone.utc) + datetime.timedelta(days=1),
          "the window starts where asked: %s" % usage.usage_records[0].period.start)
print("scenario passed")
