"""The add-source dialog's URL check: a source meant as a URL is pointed out, with what is
wrong with it, when it is malformed; a free-text citation is taken as typed."""

from __future__ import annotations

import pytest

from workbench.model import url_problem

NO_HOST = "this URL has no valid host (like https://example.org/page)"


@pytest.mark.parametrize("ref", [
    "https://example.org/report",
    "https://www.reuters.com/article/iraq?id=1#top",
    "http://example.org:8080/a",
    "https://user@example.org:443/",
    "ftp://ftp.example.org/a.csv",
    "HTTPS://EXAMPLE.ORG/A",
    # citations, not URLs
    "Reuters, 12 June 2014",
    "Interview: J. Smith",
    "Statistics office, May 2024 report, p. 4",
    "AP",
    "HTTP Archive, Web Almanac 2024",
    "doi:10.1000/182",
    "arXiv:2101.00001",
    "ISBN: 978-0-14-103614-4",
    "reuters.com",
    "U.S. Census Bureau, table 2.3/4",
])
def test_a_good_url_or_a_citation_is_taken(ref):
    assert url_problem(ref) is None


@pytest.mark.parametrize(("ref", "problem"), [
    ("www.nytimes.com/2014/06/12/world", "starts with www. — add https:// in front"),
    ("reuters.com/article/iraq", "starts with a domain — add https:// in front"),
    ("bbc.co.uk/news?id=3", "starts with a domain — add https:// in front"),
    ("example.org:8080/a", "starts with a domain — add https:// in front"),
    ("https://user@example.org:99999/", "port 99999 is not a valid port"),
    ("https://example.org:0/", "port 0 is not a valid port"),
    ("https://example.org:80a/", "port 80a is not a valid port"),
    ("javascript:alert(1)", "unknown URL scheme 'javascript' (use http, https or ftp)"),
    ("vbscript:msgbox(1)", "unknown URL scheme 'vbscript' (use http, https or ftp)"),
    ("data:text/html,<b>x</b>", "unknown URL scheme 'data' (use http, https or ftp)"),
    ("htp:/reuters.com/iraq", "unknown URL scheme 'htp' (use http, https or ftp)"),
    ("mailto:/x", "unknown URL scheme 'mailto' (use http, https or ftp)"),
    ("https://example.org/my story.html", "has a space in it"),
    ("https://exa mple.org/", "has a space in it"),
    ("https:// example.org", "has a space in it"),
    ("http//example.org", "has no colon after http (like http://example.org/page)"),
    ("Reuters, https://reuters.com/x",
     "has text before the address — put the text in the note"),
    ("://example.org", "has no scheme before :// (like https://example.org/page)"),
    ("https:/reuters.com/iraq", NO_HOST),
    ("https:example.org", NO_HOST),
    ("https://localhost/", NO_HOST),
    ("https://", NO_HOST),
    ("https://[::1/", NO_HOST),  # an unclosed IPv6 address: pointed out, no crash
])
def test_a_malformed_url_is_pointed_out_with_what_is_wrong(ref, problem):
    assert url_problem(ref) == problem
