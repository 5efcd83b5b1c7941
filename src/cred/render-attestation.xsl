<?xml version="1.0" encoding="UTF-8"?>
<!--
  setara: a mutual-recognition-of-skills attestation (mrs/attestation.xsd):
  the claim, the decision with its reasons, the credential presented with
  the checks it passed, the gaps (each with what would close it), the
  level step, the competency units compared, then the inputs the decision
  read and its trace.  Skeleton: render-common.xsl.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:d="urn:setara:doc:1"
    xmlns:r="urn:setara:render:1"
    xmlns:ds="http://www.w3.org/2000/09/xmldsig#"
    exclude-result-prefixes="d r ds">

  <xsl:template match="d:attestation" mode="body">
    <xsl:variable name="gaps" select="d:units/d:unit[@status != 'full']"/>
    <section aria-labelledby="h-decision">
      <h2 id="h-decision">Decision</h2>
      <p class="outcome">
        <strong class="outcome-{d:decision/@outcome}">
          <xsl:choose>
            <xsl:when test="d:decision/@outcome = 'recognised'">Recognised</xsl:when>
            <xsl:when test="d:decision/@outcome = 'partly-recognised'">Partly recognised</xsl:when>
            <xsl:when test="d:decision/@outcome = 'not-recognised'">Not recognised</xsl:when>
            <xsl:otherwise>Indeterminate</xsl:otherwise>
          </xsl:choose>
        </strong>
        <xsl:text> for </xsl:text>
        <xsl:value-of select="d:claim/d:title"/>
        <xsl:text>.</xsl:text>
        <xsl:if test="d:decision/@basis = 'indicative'">
          <xsl:text> Indicative: the AQRF level link it rests on</xsl:text>
          <xsl:if test="d:level/@table">
            <xsl:text> (referencing report </xsl:text>
            <xsl:value-of select="d:level/@report"/>
            <xsl:text>, level table </xsl:text>
            <xsl:value-of select="d:level/@table"/>
            <xsl:text>)</xsl:text>
          </xsl:if>
          <xsl:text> is not confirmed from a referencing report's own level table.</xsl:text>
        </xsl:if>
      </p>
      <dl class="facts">
        <dt>Occupation claimed</dt>
        <dd>
          <xsl:value-of select="d:claim/d:title"/>
          <xsl:text> (</xsl:text>
          <span class="code"><xsl:value-of select="d:claim/@occupation"/></span>
          <xsl:if test="d:claim/@country">
            <xsl:text>, </xsl:text>
            <xsl:value-of select="d:claim/@country"/>
          </xsl:if>
          <xsl:text>)</xsl:text>
        </dd>
        <dt>Level required</dt>
        <dd>
          <xsl:text>AQRF level </xsl:text>
          <xsl:value-of select="d:claim/@requiredAqrf"/>
          <xsl:text> (confidence </xsl:text>
          <xsl:value-of select="d:claim/@confidence"/>
          <xsl:text>)</xsl:text>
        </dd>
        <dt>Reasons</dt>
        <dd class="reasons">
          <xsl:for-each select="d:decision/d:reason">
            <xsl:if test="position() &gt; 1">, </xsl:if>
            <span class="code"><xsl:value-of select="@code"/></span>
          </xsl:for-each>
        </dd>
        <dt>Decided</dt>
        <dd>
          <xsl:call-template name="datetime">
            <xsl:with-param name="t" select="d:decision/@at"/>
          </xsl:call-template>
        </dd>
      </dl>
    </section>

    <xsl:if test="d:units">
      <section aria-labelledby="h-gaps">
        <h2 id="h-gaps">Gaps</h2>
        <xsl:choose>
          <xsl:when test="$gaps">
            <ul class="gaps">
              <xsl:for-each select="$gaps">
                <li>
                  <strong><xsl:value-of select="d:title"/></strong>
                  <xsl:text> (</xsl:text>
                  <span class="code"><xsl:value-of select="@code"/></span>
                  <xsl:text>): </xsl:text>
                  <xsl:value-of select="@status"/>
                  <xsl:text>. </xsl:text>
                  <xsl:if test="d:close">
                    <xsl:text>To close: </xsl:text>
                    <xsl:value-of select="d:close"/>
                  </xsl:if>
                </li>
              </xsl:for-each>
            </ul>
          </xsl:when>
          <xsl:otherwise>
            <p class="no-gaps">None: every required unit is covered.</p>
          </xsl:otherwise>
        </xsl:choose>
      </section>
    </xsl:if>

    <section aria-labelledby="h-credential">
      <h2 id="h-credential">Credential presented</h2>
      <dl class="facts">
        <xsl:if test="d:credential/d:held">
          <dt>Qualification held</dt>
          <dd class="held">
            <xsl:value-of select="d:credential/d:held"/>
            <xsl:if test="d:credential/d:held/@level">
              <xsl:text> (</xsl:text>
              <xsl:call-template name="level">
                <xsl:with-param name="ref" select="d:credential/d:held/@level"/>
              </xsl:call-template>
              <xsl:if test="d:credential/d:held/@aqrf">
                <xsl:text>, AQRF level </xsl:text>
                <xsl:value-of select="d:credential/d:held/@aqrf"/>
              </xsl:if>
              <xsl:text>)</xsl:text>
            </xsl:if>
          </dd>
        </xsl:if>
        <xsl:if test="d:credential/@number">
          <dt>Certificate number</dt>
          <dd><span class="code"><xsl:value-of select="d:credential/@number"/></span></dd>
        </xsl:if>
        <xsl:if test="d:credential/@issuer">
          <dt>Issued by</dt>
          <dd><span class="code"><xsl:value-of select="d:credential/@issuer"/></span></dd>
        </xsl:if>
        <xsl:if test="d:credential/@occupation">
          <dt>Its occupation</dt>
          <dd><span class="code"><xsl:value-of select="d:credential/@occupation"/></span></dd>
        </xsl:if>
        <dt>Verified as</dt>
        <dd class="credential-result"><xsl:value-of select="d:credential/@result"/></dd>
        <xsl:if test="d:credential/@id">
          <dt>Its identifier</dt>
          <dd><span class="code"><xsl:value-of select="d:credential/@id"/></span></dd>
        </xsl:if>
        <dt>Its SHA-256</dt>
        <dd><span class="code digest"><xsl:value-of select="d:credential/@sha256"/></span></dd>
      </dl>
      <xsl:if test="d:credential/d:check">
        <table class="credential-checks">
          <caption>Checks of the credential when the decision was made</caption>
          <thead>
            <tr>
              <th scope="col">Check</th>
              <th scope="col">Result</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="d:credential/d:check">
              <tr class="check-{@status}">
                <th scope="row"><xsl:value-of select="@name"/></th>
                <td class="status"><xsl:value-of select="@status"/></td>
                <td><xsl:value-of select="."/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:if>
    </section>

    <xsl:if test="d:level">
      <section aria-labelledby="h-level">
        <h2 id="h-level">Level</h2>
        <dl class="facts">
          <dt>Credential's level</dt>
          <dd>
            <xsl:if test="d:level/@from">
              <xsl:call-template name="level">
                <xsl:with-param name="ref" select="d:level/@from"/>
              </xsl:call-template>
              <xsl:text>: </xsl:text>
            </xsl:if>
            <xsl:text>AQRF level </xsl:text>
            <xsl:value-of select="d:level/@aqrfMin"/>
            <xsl:if test="d:level/@aqrfMax != d:level/@aqrfMin">
              <xsl:text> to </xsl:text>
              <xsl:value-of select="d:level/@aqrfMax"/>
            </xsl:if>
            <xsl:text> (confidence </xsl:text>
            <xsl:value-of select="d:level/@confidence"/>
            <xsl:if test="d:level/@indicative = 'true' or d:level/@indicative = '1'">, indicative only</xsl:if>
            <xsl:text>)</xsl:text>
          </dd>
          <dt>Required</dt>
          <dd>AQRF level <xsl:value-of select="d:level/@required"/></dd>
          <dt>Result</dt>
          <dd class="level-result"><xsl:value-of select="d:level/@result"/></dd>
        </dl>
      </section>
    </xsl:if>

    <xsl:if test="d:units">
      <section aria-labelledby="h-units">
        <h2 id="h-units">Competency units compared</h2>
        <table class="units">
          <caption>
            <xsl:value-of select="d:units/@required"/>
            <xsl:text> units required; coverage </xsl:text>
            <xsl:value-of select="d:units/@coverage"/>
            <xsl:text> (confidence </xsl:text>
            <xsl:value-of select="d:units/@confidence"/>
            <xsl:text>)</xsl:text>
          </caption>
          <thead>
            <tr>
              <th scope="col">Unit</th>
              <th scope="col">Title</th>
              <th scope="col">Covered</th>
              <th scope="col">Confidence</th>
              <th scope="col">How</th>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="d:units/d:unit">
              <tr>
                <th scope="row"><span class="code"><xsl:value-of select="@code"/></span></th>
                <td><xsl:value-of select="d:title"/></td>
                <td class="coverage-{@status}"><xsl:value-of select="@status"/></td>
                <td><xsl:value-of select="@confidence"/></td>
                <td>
                  <xsl:value-of select="d:basis"/>
                  <xsl:if test="d:close">
                    <xsl:text> To close: </xsl:text>
                    <xsl:value-of select="d:close"/>
                  </xsl:if>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </section>
    </xsl:if>

    <section aria-labelledby="h-inputs">
      <h2 id="h-inputs">Inputs of the decision</h2>
      <table class="inputs">
        <caption>Every file the decision read, with its SHA-256</caption>
        <thead>
          <tr>
            <th scope="col">Role</th>
            <th scope="col">File</th>
            <th scope="col">SHA-256</th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="d:inputs/d:input">
            <tr>
              <th scope="row"><xsl:value-of select="@role"/></th>
              <td><span class="code"><xsl:value-of select="@name"/></span></td>
              <td><span class="code digest"><xsl:value-of select="@sha256"/></span></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </section>

    <section aria-labelledby="h-trace">
      <h2 id="h-trace">Trace</h2>
      <ol class="trace">
        <xsl:for-each select="d:trace/d:step">
          <li>
            <span class="code"><xsl:value-of select="@rule"/></span>
            <xsl:text>: </xsl:text>
            <xsl:value-of select="."/>
          </li>
        </xsl:for-each>
      </ol>
    </section>
  </xsl:template>
</xsl:stylesheet>
