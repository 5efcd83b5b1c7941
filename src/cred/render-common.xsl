<?xml version="1.0" encoding="UTF-8"?>
<!--
  setara: the page every rendered document shares (merged by render.c into
  each cred/render-<type>.xsl before it is compiled; nothing is included or imported).

  The page: issuer and document title, the verification result when there
  is one (r:render/r:verification, appended by render.c), the subject, the
  type's body (mode "body", in the type's stylesheet), the facts about the
  document itself, a footer.  Self-contained (inline styles, no scripts,
  no external resources, a Content-Security-Policy that forbids them),
  printable (@media print) and accessible (landmarks, headings in order,
  tables with caption and th scope, a lang attribute, colours with a
  contrast ratio of at least 4.5:1 and never the only signal).

  Rules: output escaping is never turned off; never put document text in an
  attribute that browsers act on (href, src, style).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:d="urn:setara:doc:1"
    xmlns:r="urn:setara:render:1"
    xmlns:ds="http://www.w3.org/2000/09/xmldsig#"
    exclude-result-prefixes="d r ds">

  <xsl:output method="html" encoding="UTF-8" indent="yes"/>
  <xsl:strip-space elements="*"/>

  <xsl:variable name="R" select="/*/r:render"/>
  <!-- the page's language and its words (cred/render-labels.xml) -->
  <xsl:variable name="lang">
    <xsl:value-of select="$R/@lang"/>
    <xsl:if test="not($R/@lang)">en</xsl:if>
  </xsl:variable>
  <xsl:variable name="V" select="$R/r:verification"/>
  <xsl:variable name="status-fail"
      select="$V/r:check[@name = 'status' and @status = 'fail']"/>

  <xsl:template match="/">
    <html lang="{$lang}">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta http-equiv="Content-Security-Policy"
              content="default-src 'none'; style-src 'unsafe-inline'"/>
        <meta name="generator" content="{$R/@generator}"/>
        <title>
          <xsl:apply-templates select="/*" mode="title"/>
          <xsl:text> - </xsl:text>
          <xsl:value-of select="/*/d:subject/d:name"/>
          <xsl:if test="not(/*/d:subject)">
            <xsl:value-of select="/*/d:issuer/d:name"/>
          </xsl:if>
        </title>
        <style>
          <xsl:call-template name="css"/>
        </style>
      </head>
      <body>
        <header class="masthead">
          <div class="seal" aria-label="{$R/r:label[@key = 'seal']}">
            <xsl:call-template name="label">
              <xsl:with-param name="k" select="'seal'"/>
            </xsl:call-template>
          </div>
          <p class="issuer-name"><xsl:value-of select="/*/d:issuer/d:name"/></p>
          <p class="issuer-meta">
            <xsl:call-template name="country">
              <xsl:with-param name="cc" select="/*/d:issuer/@country"/>
            </xsl:call-template>
            <xsl:text> | Issuer </xsl:text>
            <span class="code"><xsl:value-of select="/*/d:issuer/@id"/></span>
            <xsl:if test="/*/d:issuer/@accreditation">
              <xsl:text> | Accreditation </xsl:text>
              <span class="code"><xsl:value-of select="/*/d:issuer/@accreditation"/></span>
            </xsl:if>
          </p>
          <h1><xsl:apply-templates select="/*" mode="title"/></h1>
        </header>
        <main>
          <xsl:call-template name="banner"/>
          <xsl:apply-templates select="/*/d:subject"/>
          <xsl:call-template name="verification"/>
          <xsl:apply-templates select="/*" mode="body"/>
          <xsl:call-template name="signatory"/>
          <xsl:call-template name="about"/>
        </main>
        <footer>
          <p>
            <xsl:text>This page shows the content of the file </xsl:text>
            <span class="code"><xsl:value-of select="$R/@file"/></span>
            <xsl:text> (SHA-256 </xsl:text>
            <span class="code digest"><xsl:value-of select="$R/@sha256"/></span>
            <xsl:text>). The signed XML file is the credential; this page is a view of it.</xsl:text>
          </p>
          <p>
            <xsl:text>Rendered by </xsl:text>
            <xsl:value-of select="$R/@generator"/>
            <xsl:text>.</xsl:text>
          </p>
        </footer>
      </body>
    </html>
  </xsl:template>

  <!-- Titles by type; a type's stylesheet may add its own body. -->
  <xsl:template match="d:transcript" mode="title">Transcript of Records</xsl:template>
  <xsl:template match="d:certificate" mode="title">Qualification Certificate</xsl:template>
  <xsl:template match="d:decision" mode="title">Credit Transfer Decision</xsl:template>
  <xsl:template match="d:attestation" mode="title">Skills Recognition Attestation</xsl:template>
  <xsl:template match="d:statusList" mode="title">Status List</xsl:template>
  <xsl:template match="*" mode="title">
    <xsl:value-of select="local-name()"/>
  </xsl:template>

  <xsl:template match="d:transcript" mode="subject-label">
    <xsl:call-template name="label"><xsl:with-param name="k" select="'learner'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="d:certificate" mode="subject-label">
    <xsl:call-template name="label"><xsl:with-param name="k" select="'holder'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="d:attestation" mode="subject-label">
    <xsl:call-template name="label"><xsl:with-param name="k" select="'worker'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="d:decision" mode="subject-label">
    <xsl:call-template name="label"><xsl:with-param name="k" select="'student'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="*" mode="subject-label">
    <xsl:call-template name="label"><xsl:with-param name="k" select="'subject'"/></xsl:call-template>
  </xsl:template>

  <!-- A label of the page's language (English when it has none). -->
  <xsl:template name="label">
    <xsl:param name="k"/>
    <xsl:value-of select="$R/r:label[@key = $k]"/>
  </xsl:template>

  <!-- "MY" as "Malaysia (MY)": the name when the labels have one. -->
  <xsl:template name="country">
    <xsl:param name="cc"/>
    <xsl:variable name="n" select="$R/r:label[@key = concat('country-', $cc)]"/>
    <xsl:choose>
      <xsl:when test="$n">
        <xsl:value-of select="$n"/>
        <xsl:text> (</xsl:text>
        <xsl:value-of select="$cc"/>
        <xsl:text>)</xsl:text>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$cc"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- An id with its name from the reference data: "Malaysian credit (my)". -->
  <xsl:template name="named">
    <xsl:param name="kind"/>
    <xsl:param name="id"/>
    <xsl:variable name="n" select="$R/r:name[@kind = $kind and @id = $id]"/>
    <xsl:if test="$n">
      <xsl:value-of select="$n"/>
      <xsl:text> </xsl:text>
    </xsl:if>
    <span class="code">
      <xsl:if test="$n">(</xsl:if>
      <xsl:value-of select="$id"/>
      <xsl:if test="$n">)</xsl:if>
    </span>
  </xsl:template>

  <!-- "2024-08-05 to 2025-07-18", "2024-08-05 to present". -->
  <xsl:template name="period">
    <xsl:param name="from"/>
    <xsl:param name="to"/>
    <xsl:value-of select="$from"/>
    <xsl:text> </xsl:text>
    <xsl:call-template name="label"><xsl:with-param name="k" select="'to'"/></xsl:call-template>
    <xsl:text> </xsl:text>
    <xsl:value-of select="$to"/>
    <xsl:if test="not(string($to))">
      <xsl:call-template name="label"><xsl:with-param name="k" select="'present'"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- REVOKED / SUSPENDED, when the status check says so. -->
  <xsl:template name="banner">
    <xsl:variable name="what">
      <xsl:choose>
        <xsl:when test="starts-with($status-fail, 'revoked')">revoked</xsl:when>
        <xsl:when test="starts-with($status-fail, 'suspended')">suspended</xsl:when>
      </xsl:choose>
    </xsl:variable>
    <xsl:if test="string($what)">
      <div class="banner banner-{$what}" role="alert">
        <p class="banner-word">
          <xsl:call-template name="label"><xsl:with-param name="k" select="$what"/></xsl:call-template>
        </p>
        <p>
          <xsl:call-template name="label"><xsl:with-param name="k" select="concat($what, '-text')"/></xsl:call-template>
          <xsl:text> (</xsl:text>
          <xsl:value-of select="$status-fail"/>
          <xsl:text>)</xsl:text>
        </p>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- Who signed, when, and where to verify: the link and its QR code. -->
  <xsl:template name="signatory">
    <section class="signatory" aria-labelledby="h-signatory">
      <h2 id="h-signatory">
        <xsl:call-template name="label"><xsl:with-param name="k" select="'verify-this'"/></xsl:call-template>
      </h2>
      <div class="sign-row">
        <div class="sign-block">
          <p class="sign-line">
            <xsl:call-template name="label"><xsl:with-param name="k" select="'signatory'"/></xsl:call-template>
          </p>
          <p class="sign-name"><xsl:value-of select="/*/d:issuer/d:name"/></p>
          <p class="muted">
            <xsl:call-template name="datetime">
              <xsl:with-param name="t" select="/*/d:issued"/>
            </xsl:call-template>
          </p>
          <xsl:if test="$R/r:qr">
            <p class="verify-text">
              <xsl:choose>
                <xsl:when test="$R/r:qr/@link = '1'">
                  <xsl:call-template name="label"><xsl:with-param name="k" select="'verify-at'"/></xsl:call-template>
                </xsl:when>
                <xsl:otherwise>
                  <xsl:call-template name="label"><xsl:with-param name="k" select="'verify-id'"/></xsl:call-template>
                </xsl:otherwise>
              </xsl:choose>
            </p>
            <p class="verify-url code"><xsl:value-of select="$R/r:qr/@url"/></p>
          </xsl:if>
        </div>
        <xsl:if test="$R/r:qr">
          <svg xmlns="http://www.w3.org/2000/svg" class="qr" role="img"
               width="132" height="132" shape-rendering="crispEdges"
               viewBox="-4 -4 {$R/r:qr/@size + 8} {$R/r:qr/@size + 8}">
            <title><xsl:value-of select="$R/r:qr/@url"/></title>
            <rect x="-4" y="-4" width="{$R/r:qr/@size + 8}"
                  height="{$R/r:qr/@size + 8}" fill="#ffffff"/>
            <path fill="#000000" d="{$R/r:qr/@path}"/>
          </svg>
        </xsl:if>
      </div>
    </section>
  </xsl:template>

  <!-- the verification result -->

  <xsl:template name="verification">
    <xsl:variable name="v" select="$R/r:verification"/>
    <xsl:choose>
      <xsl:when test="$v">
        <section class="verification result-{$v/@result}" aria-labelledby="h-verification">
          <h2 id="h-verification">
            <xsl:call-template name="label">
              <xsl:with-param name="k" select="'verification'"/>
            </xsl:call-template>
          </h2>
          <p class="verdict-sentence">
            <xsl:call-template name="label">
              <xsl:with-param name="k" select="concat('verified-', $v/@result)"/>
            </xsl:call-template>
          </p>
          <details>
          <summary>
            <xsl:call-template name="label">
              <xsl:with-param name="k" select="'details'"/>
            </xsl:call-template>
          </summary>
          <p class="verdict">
            <strong>
              <xsl:choose>
                <xsl:when test="$v/@result = 'valid'">Valid</xsl:when>
                <xsl:when test="$v/@result = 'invalid'">Invalid</xsl:when>
                <xsl:otherwise>Indeterminate</xsl:otherwise>
              </xsl:choose>
            </strong>
            <xsl:text>: </xsl:text>
            <xsl:choose>
              <xsl:when test="$v/@result = 'valid'">every check passed.</xsl:when>
              <xsl:when test="$v/@result = 'invalid'">
                <xsl:text>do not rely on this document. Failed: </xsl:text>
                <xsl:for-each select="$v/r:check[@status = 'fail']">
                  <xsl:if test="position() &gt; 1">, </xsl:if>
                  <xsl:value-of select="@name"/>
                </xsl:for-each>
                <xsl:text>.</xsl:text>
              </xsl:when>
              <xsl:otherwise>
                <xsl:text>no check failed, but some could not be made: </xsl:text>
                <xsl:for-each select="$v/r:check[@status = 'could-not-check']">
                  <xsl:if test="position() &gt; 1">, </xsl:if>
                  <xsl:value-of select="@name"/>
                </xsl:for-each>
                <xsl:text>.</xsl:text>
              </xsl:otherwise>
            </xsl:choose>
          </p>
          <table class="checks">
            <caption>
              <xsl:text>Checks made at </xsl:text>
              <xsl:call-template name="datetime">
                <xsl:with-param name="t" select="$v/@at"/>
              </xsl:call-template>
            </caption>
            <thead>
              <tr>
                <th scope="col">Check</th>
                <th scope="col">Result</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$v/r:check">
                <tr class="check-{@status}">
                  <th scope="row"><xsl:value-of select="@name"/></th>
                  <td class="status">
                    <xsl:choose>
                      <xsl:when test="@status = 'pass'">Pass</xsl:when>
                      <xsl:when test="@status = 'fail'">Fail</xsl:when>
                      <xsl:otherwise>Could not check</xsl:otherwise>
                    </xsl:choose>
                  </td>
                  <td><xsl:value-of select="."/></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
          </details>
        </section>
      </xsl:when>
      <xsl:otherwise>
        <p class="not-verified">
          <strong>
            <xsl:call-template name="label">
              <xsl:with-param name="k" select="'not-verified'"/>
            </xsl:call-template>
          </strong>
          <xsl:text> This page shows what the document says. Its signature, issuer and status were not checked: use </xsl:text>
          <span class="code">setara render --trust DIR</span>
          <xsl:text> or </xsl:text>
          <span class="code">setara verify</span>
          <xsl:text>.</xsl:text>
        </p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- subject and the document itself -->

  <xsl:template match="d:subject">
    <section aria-labelledby="h-subject">
      <h2 id="h-subject"><xsl:apply-templates select="/*" mode="subject-label"/></h2>
      <dl class="facts">
        <dt><xsl:call-template name="label"><xsl:with-param name="k" select="'name'"/></xsl:call-template></dt>
        <dd class="subject-name"><xsl:value-of select="d:name"/></dd>
        <dt><xsl:call-template name="label"><xsl:with-param name="k" select="'identifier'"/></xsl:call-template></dt>
        <dd><span class="code"><xsl:value-of select="@id"/></span></dd>
        <xsl:if test="d:birthDate">
          <dt><xsl:call-template name="label"><xsl:with-param name="k" select="'birth-date'"/></xsl:call-template></dt>
          <dd><xsl:value-of select="d:birthDate"/></dd>
        </xsl:if>
        <xsl:if test="@country">
          <dt><xsl:call-template name="label"><xsl:with-param name="k" select="'country'"/></xsl:call-template></dt>
          <dd>
            <xsl:call-template name="country">
              <xsl:with-param name="cc" select="@country"/>
            </xsl:call-template>
          </dd>
        </xsl:if>
      </dl>
    </section>
  </xsl:template>

  <xsl:template name="about">
    <section aria-labelledby="h-about">
      <h2 id="h-about"><xsl:call-template name="label"><xsl:with-param name="k" select="'about'"/></xsl:call-template></h2>
      <dl class="facts">
        <dt><xsl:call-template name="label"><xsl:with-param name="k" select="'document-id'"/></xsl:call-template></dt>
        <dd><span class="code"><xsl:value-of select="/*/d:id"/></span></dd>
        <dt><xsl:call-template name="label"><xsl:with-param name="k" select="'issued'"/></xsl:call-template></dt>
        <dd>
          <xsl:call-template name="datetime">
            <xsl:with-param name="t" select="/*/d:issued"/>
          </xsl:call-template>
        </dd>
        <dt><xsl:call-template name="label"><xsl:with-param name="k" select="'valid-from'"/></xsl:call-template></dt>
        <dd>
          <xsl:call-template name="datetime">
            <xsl:with-param name="t" select="/*/d:validFrom"/>
          </xsl:call-template>
        </dd>
        <dt><xsl:call-template name="label"><xsl:with-param name="k" select="'valid-until'"/></xsl:call-template></dt>
        <dd>
          <xsl:choose>
            <xsl:when test="/*/d:validUntil">
              <xsl:call-template name="datetime">
                <xsl:with-param name="t" select="/*/d:validUntil"/>
              </xsl:call-template>
            </xsl:when>
            <xsl:otherwise><xsl:call-template name="label"><xsl:with-param name="k" select="'no-end'"/></xsl:call-template></xsl:otherwise>
          </xsl:choose>
        </dd>
        <xsl:for-each select="/*/d:status">
          <dt>Status entry (<xsl:value-of select="@purpose"/><xsl:if test="not(@purpose)">revocation</xsl:if>)</dt>
          <dd>
            <xsl:text>index </xsl:text>
            <xsl:value-of select="@index"/>
            <xsl:text> of list </xsl:text>
            <span class="code"><xsl:value-of select="@list"/></span>
          </dd>
        </xsl:for-each>
        <dt><xsl:call-template name="label"><xsl:with-param name="k" select="'signature'"/></xsl:call-template></dt>
        <dd>
          <xsl:choose>
            <xsl:when test="/*/ds:Signature">
              <xsl:text>enveloped XML signature (</xsl:text>
              <xsl:value-of select="substring-after(/*/ds:Signature/ds:SignedInfo/ds:SignatureMethod/@Algorithm, '#')"/>
              <xsl:text>)</xsl:text>
            </xsl:when>
            <xsl:otherwise>none: this document is not signed</xsl:otherwise>
          </xsl:choose>
        </dd>
      </dl>
    </section>
  </xsl:template>

  <!-- helpers -->

  <!-- An xs:dateTime as "2026-11-23 10:14:26 UTC" (xs:date unchanged). -->
  <xsl:template name="datetime">
    <xsl:param name="t"/>
    <xsl:choose>
      <xsl:when test="contains($t, 'T')">
        <xsl:value-of select="substring-before($t, 'T')"/>
        <xsl:text> </xsl:text>
        <xsl:variable name="time" select="substring-after($t, 'T')"/>
        <xsl:choose>
          <xsl:when test="substring($time, string-length($time)) = 'Z'">
            <xsl:value-of select="substring($time, 1, string-length($time) - 1)"/>
            <xsl:text> UTC</xsl:text>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="$time"/></xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$t"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The referencing trace from the reference data when render.c found
       one (r:derivation), else what the document states. -->
  <xsl:template name="derivation">
    <xsl:param name="q"/>
    <xsl:variable name="der" select="$R/r:derivation[@level = $q/@level]"/>
    <xsl:choose>
      <xsl:when test="$der">
        <xsl:value-of select="$der/@summary"/>
        <xsl:if test="$der/r:step">
          <ul class="trace">
            <xsl:for-each select="$der/r:step">
              <li><xsl:value-of select="."/></li>
            </xsl:for-each>
          </ul>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <xsl:text>The issuer states that </xsl:text>
        <xsl:call-template name="level">
          <xsl:with-param name="ref" select="$q/@level"/>
        </xsl:call-template>
        <xsl:text> is referenced to AQRF level </xsl:text>
        <xsl:value-of select="$q/@aqrf"/>
        <xsl:text> through the referencing of the </xsl:text>
        <span class="code"><xsl:value-of select="substring-before($q/@level, ':')"/></span>
        <xsl:text> framework to the AQRF. Verification compares this pair with the reference data (the consistency check).</xsl:text>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "my-mqf:6" as "my-mqf level 6". -->
  <xsl:template name="level">
    <xsl:param name="ref"/>
    <span class="code"><xsl:value-of select="substring-before($ref, ':')"/></span>
    <xsl:text> level </xsl:text>
    <xsl:value-of select="substring-after($ref, ':')"/>
  </xsl:template>

  <xsl:template name="css">
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 1.5rem 2rem 2rem;
  font-family: "DejaVu Sans", "Liberation Sans", Arial, "Noto Sans",
    "Noto Sans Thai", "Noto Sans Myanmar", "Noto Sans Khmer", "Noto Sans Lao",
    sans-serif;
  font-size: 15px; line-height: 1.45; color: #1a1a1a; background: #ffffff; }
h1 { font-size: 1.7rem; margin: 0.3rem 0 0; letter-spacing: 0.02em; }
h2 { font-size: 1.2rem; margin: 1.6rem 0 0.5rem; padding-bottom: 0.2rem;
  border-bottom: 2px solid #1f3a5f; color: #1f3a5f; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 0.4rem; }
.masthead { border-bottom: 4px double #1f3a5f; padding-bottom: 0.8rem; }
.seal { float: right; width: 5.5rem; height: 5.5rem; border: 2px dashed #8c8c8c;
  border-radius: 50%; display: flex; align-items: center; justify-content: center;
  text-align: center; font-size: 0.7rem; color: #4d4d4d; margin-left: 1rem; }
.banner { border: 3px solid #a4161a; background: #fdf0f0; color: #a4161a;
  padding: 0.4rem 1rem; margin: 1rem 0; }
.banner-suspended { border-color: #7a4f00; background: #fff8eb; color: #7a4f00; }
.banner-word { font-size: 2rem; font-weight: bold; letter-spacing: 0.2em; margin: 0.2rem 0; }
.verdict-sentence { font-size: 1.1rem; font-weight: bold; }
.result-valid .verdict-sentence { color: #0b6b2e; }
.result-invalid .verdict-sentence { color: #a4161a; }
.result-indeterminate .verdict-sentence { color: #7a4f00; }
details summary { cursor: pointer; color: #1f3a5f; }
.sign-row { display: flex; justify-content: space-between; align-items: flex-start; gap: 1rem; }
.sign-line { border-top: 1px solid #1a1a1a; padding-top: 0.2rem; width: 18rem; margin-top: 2.5rem; }
.sign-name { font-weight: bold; margin: 0; }
.verify-url { word-break: break-all; }
svg.qr { flex: none; }
.issuer-name { font-size: 1.35rem; font-weight: bold; margin: 0; color: #1f3a5f; }
.issuer-meta { margin: 0.2rem 0 0; color: #444444; font-size: 0.9rem; }
.code { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 0.92em; }
.digest { word-break: break-all; }
dl.facts { display: grid; grid-template-columns: max-content 1fr;
  gap: 0.25rem 1.2rem; margin: 0.4rem 0; }
dl.facts dt { font-weight: bold; color: #333333; }
dl.facts dd { margin: 0; }
table { width: 100%; border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.93rem; }
table.courses { table-layout: fixed; }
table.courses thead tr:first-child th:nth-child(1) { width: 10%; }
table.courses thead tr:first-child th:nth-child(2) { width: 32%; }
table.courses thead tr:first-child th:nth-child(3) { width: 28%; }
table.courses thead tr:first-child th:nth-child(4) { width: 18%; }
table.courses thead tr:first-child th:nth-child(5) { width: 12%; }
caption { text-align: left; font-weight: bold; padding: 0.3rem 0; color: #1a1a1a; }
th, td { border: 1px solid #8c8c8c; padding: 0.3rem 0.45rem; vertical-align: top; text-align: left; }
thead th { background: #e8edf3; color: #1a1a1a; }
tbody th { font-weight: normal; }
tfoot th, tfoot td { font-weight: bold; background: #f3f3f3; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.muted { color: #4d4d4d; }
.note { color: #333333; font-size: 0.9rem; }
.verification { border: 2px solid #555555; padding: 0.2rem 1rem 0.6rem; margin-top: 1rem; }
.verification h2 { margin-top: 0.6rem; }
.result-valid { border-color: #0b6b2e; background: #f1f8f3; }
.result-invalid { border-color: #a4161a; background: #fdf0f0; }
.result-indeterminate { border-color: #8a5a00; background: #fff8eb; }
.verdict { font-size: 1.1rem; }
.result-valid .verdict strong { color: #0b6b2e; }
.result-invalid .verdict strong { color: #a4161a; }
.result-indeterminate .verdict strong { color: #7a4f00; }
tr.check-pass td.status { color: #0b6b2e; font-weight: bold; }
tr.check-fail td.status { color: #a4161a; font-weight: bold; }
tr.check-could-not-check td.status { color: #7a4f00; font-weight: bold; }
.checks td, .checks th { background: #ffffff; }
.not-verified { border: 1px dashed #555555; padding: 0.5rem 0.8rem; background: #f7f7f7; }
.outcome { font-size: 1.1rem; }
.outcome-granted, .outcome-recognised, .coverage-full { color: #0b6b2e; font-weight: bold; }
.outcome-refused, .outcome-not-recognised, .coverage-missing { color: #a4161a; font-weight: bold; }
.outcome-partial, .outcome-partly-recognised, .outcome-indeterminate, .coverage-partial { color: #7a4f00; font-weight: bold; }
ul.gaps li { margin-bottom: 0.3rem; }
ol.trace { padding-left: 1.6rem; font-size: 0.9rem; }
footer { margin-top: 2rem; border-top: 1px solid #8c8c8c; padding-top: 0.5rem;
  font-size: 0.82rem; color: #444444; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  h2 { break-after: avoid; }
  table { break-inside: auto; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
  tfoot { display: table-footer-group; }
  section.term { break-inside: avoid-page; }
  .verification, .not-verified, .signatory, .banner { break-inside: avoid; }
  details > summary { display: none; }
  .banner, .seal { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .result-valid, .result-invalid, .result-indeterminate, thead th, tfoot th, tfoot td {
    -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
  </xsl:template>
</xsl:stylesheet>
