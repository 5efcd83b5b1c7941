<?xml version="1.0" encoding="UTF-8"?>
<!--
  setara: a credit-transfer decision (credit/decision.xsd).  What was
  evaluated and against what (host programme with its level, the partner,
  the record, the basis), then one row per item (course, block, prior
  learning, advanced standing) with the original and converted credits and
  grades, the credits granted, the outcome and its reason; the caps, the
  totals, and the rule trace of every item.  Skeleton: render-common.xsl.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:d="urn:setara:doc:1"
    xmlns:r="urn:setara:render:1"
    xmlns:ds="http://www.w3.org/2000/09/xmldsig#"
    exclude-result-prefixes="d r ds">

  <xsl:template match="d:decision" mode="body">
    <xsl:variable name="t" select="d:transfer"/>
    <section aria-labelledby="h-evaluation">
      <h2 id="h-evaluation">Evaluation</h2>
      <dl class="facts">
        <dt>Host programme</dt>
        <dd class="programme-title">
          <xsl:value-of select="$t/d:programme"/>
          <xsl:text> (</xsl:text>
          <span class="code"><xsl:value-of select="$t/@host"/></span>
          <xsl:text>, </xsl:text>
          <span class="code"><xsl:value-of select="$t/@programme"/></span>
          <xsl:text>)</xsl:text>
        </dd>
        <xsl:if test="$t/d:qualification">
          <dt>Level of the programme</dt>
          <dd class="national-level">
            <xsl:call-template name="level">
              <xsl:with-param name="ref" select="$t/d:qualification/@level"/>
            </xsl:call-template>
            <xsl:text>, AQRF level </xsl:text>
            <xsl:value-of select="$t/d:qualification/@aqrf"/>
          </dd>
          <dt>How the AQRF level was obtained</dt>
          <dd class="derivation">
            <xsl:call-template name="derivation">
              <xsl:with-param name="q" select="$t/d:qualification"/>
            </xsl:call-template>
          </dd>
        </xsl:if>
        <dt>Partner institution</dt>
        <dd class="partner">
          <xsl:call-template name="named">
            <xsl:with-param name="kind" select="'institution'"/>
            <xsl:with-param name="id" select="$t/@partner"/>
          </xsl:call-template>
        </dd>
        <dt>Record evaluated</dt>
        <dd>
          <span class="code"><xsl:value-of select="$t/d:record/@file"/></span>
          <xsl:text> (credit system </xsl:text>
          <span class="code"><xsl:value-of select="$t/d:record/@creditSystem"/></span>
          <xsl:text>, grade scale </xsl:text>
          <span class="code"><xsl:value-of select="$t/d:record/@gradeScale"/></span>
          <xsl:if test="$t/d:record/@level">
            <xsl:text>, level </xsl:text>
            <xsl:call-template name="level">
              <xsl:with-param name="ref" select="$t/d:record/@level"/>
            </xsl:call-template>
          </xsl:if>
          <xsl:text>; SHA-256 </xsl:text>
          <span class="code digest"><xsl:value-of select="$t/d:record/@sha256"/></span>
          <xsl:text>)</xsl:text>
        </dd>
        <dt>Evaluated</dt>
        <dd><xsl:value-of select="$t/@evaluated"/></dd>
        <xsl:if test="$t/@policy">
          <dt>Policy</dt>
          <dd><span class="code"><xsl:value-of select="$t/@policy"/></span></dd>
        </xsl:if>
        <xsl:if test="$t/@agreement">
          <dt>Agreement</dt>
          <dd><span class="code"><xsl:value-of select="$t/@agreement"/></span></dd>
        </xsl:if>
        <dt>Engine</dt>
        <dd><xsl:value-of select="$t/@engine"/></dd>
        <xsl:if test="$t/@levelBasis">
          <dt>Level basis</dt>
          <dd>
            <xsl:choose>
              <xsl:when test="$t/@levelBasis = 'indicative'">Indicative: a level rule rests on an AQRF level link not confirmed from a referencing report's own level table</xsl:when>
              <xsl:otherwise>Confirmed: every AQRF level link a level rule used was read in a referencing report's own level table</xsl:otherwise>
            </xsl:choose>
          </dd>
        </xsl:if>
      </dl>
      <xsl:if test="$t/d:basis">
        <h3>What the decision rests on</h3>
        <ul class="basis">
          <xsl:for-each select="$t/d:basis">
            <li><xsl:value-of select="."/></li>
          </xsl:for-each>
        </ul>
      </xsl:if>
    </section>

    <section aria-labelledby="h-items">
      <h2 id="h-items">Outcome by course</h2>
      <table class="items">
        <caption>
          <xsl:value-of select="count($t/d:item)"/>
          <xsl:text> items: </xsl:text>
          <xsl:value-of select="$t/d:totals/@grantedItems"/>
          <xsl:text> granted, </xsl:text>
          <xsl:value-of select="$t/d:totals/@partialItems"/>
          <xsl:text> partial, </xsl:text>
          <xsl:value-of select="$t/d:totals/@refusedItems"/>
          <xsl:text> refused</xsl:text>
        </caption>
        <thead>
          <tr>
            <th scope="col" rowspan="2">Course taken</th>
            <th scope="col" rowspan="2">Counts as</th>
            <th scope="colgroup" colspan="3">
              <xsl:text>Credits (</xsl:text>
              <xsl:value-of select="$t/d:record/@creditSystem"/>
              <xsl:text> to </xsl:text>
              <xsl:value-of select="$t/@host"/>
              <xsl:text>)</xsl:text>
            </th>
            <th scope="colgroup" colspan="2">Grade</th>
            <th scope="col" rowspan="2">Outcome</th>
            <th scope="col" rowspan="2">Reason</th>
          </tr>
          <tr>
            <th scope="col" class="num">Original</th>
            <th scope="col" class="num">Converted</th>
            <th scope="col" class="num">Granted</th>
            <th scope="col">Original</th>
            <th scope="col">Converted</th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="$t/d:item">
            <tr class="item-{@status}">
              <th scope="row">
                <xsl:for-each select="d:from">
                  <xsl:if test="position() &gt; 1"><br/></xsl:if>
                  <span class="code"><xsl:value-of select="@code"/></span>
                  <xsl:text> </xsl:text>
                  <xsl:value-of select="d:title"/>
                  <xsl:if test="@credits or @grade">
                    <span class="muted">
                      <xsl:text> (</xsl:text>
                      <xsl:value-of select="@credits"/>
                      <xsl:if test="@credits and @grade">, </xsl:if>
                      <xsl:value-of select="@grade"/>
                      <xsl:text>)</xsl:text>
                    </span>
                  </xsl:if>
                </xsl:for-each>
                <xsl:if test="not(d:from)">
                  <xsl:value-of select="@kind"/>
                </xsl:if>
              </th>
              <td>
                <xsl:for-each select="d:to">
                  <xsl:if test="position() &gt; 1"><br/></xsl:if>
                  <span class="code"><xsl:value-of select="@code"/></span>
                  <xsl:text> </xsl:text>
                  <xsl:value-of select="d:title"/>
                  <xsl:if test="not(@code) and @area">
                    <xsl:value-of select="@area"/>
                    <xsl:text> credit</xsl:text>
                  </xsl:if>
                </xsl:for-each>
              </td>
              <td class="num"><xsl:value-of select="d:credits/@original"/></td>
              <td class="num"><xsl:value-of select="d:credits/@converted"/></td>
              <td class="num granted"><xsl:value-of select="d:credits/@granted"/></td>
              <td><xsl:value-of select="d:grade/@original"/></td>
              <td><xsl:value-of select="d:grade/@converted"/></td>
              <td class="outcome-{@status}"><xsl:value-of select="@status"/></td>
              <td class="reason">
                <xsl:choose>
                  <xsl:when test="d:reason"><xsl:value-of select="d:reason"/></xsl:when>
                  <xsl:when test="d:trace/d:step[@outcome = 'fail' or @outcome = 'limit']">
                    <xsl:value-of select="d:trace/d:step[@outcome = 'fail' or @outcome = 'limit'][1]"/>
                  </xsl:when>
                  <xsl:otherwise>
                    <xsl:text>rule </xsl:text>
                    <xsl:value-of select="@rule"/>
                    <xsl:if test="d:credits/@method">
                      <xsl:text>; credits by </xsl:text>
                      <xsl:value-of select="d:credits/@method"/>
                    </xsl:if>
                  </xsl:otherwise>
                </xsl:choose>
              </td>
            </tr>
          </xsl:for-each>
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colspan="2">Totals</th>
            <td class="num total-original"><xsl:value-of select="$t/d:totals/@original"/></td>
            <td class="num total-converted"><xsl:value-of select="$t/d:totals/@converted"/></td>
            <td class="num total-granted"><xsl:value-of select="$t/d:totals/@granted"/></td>
            <td></td>
            <td></td>
            <td colspan="2">
              <xsl:if test="$t/d:totals/@grantedRounded">
                <xsl:text>granted after rounding: </xsl:text>
                <xsl:value-of select="$t/d:totals/@grantedRounded"/>
                <xsl:if test="$t/d:totals/@rounding">
                  <xsl:text> (</xsl:text>
                  <xsl:value-of select="$t/d:totals/@rounding"/>
                  <xsl:text>)</xsl:text>
                </xsl:if>
              </xsl:if>
            </td>
          </tr>
        </tfoot>
      </table>
      <p class="note">Fractions such as 10/3 are exact values that have no finite decimal form.</p>
    </section>

    <xsl:if test="$t/d:cap">
      <section aria-labelledby="h-caps">
        <h2 id="h-caps">Caps, in the order applied</h2>
        <table class="caps">
          <caption>Limits on the credit transferred</caption>
          <thead>
            <tr>
              <th scope="col">Cap</th>
              <th scope="col" class="num">Limit</th>
              <th scope="col" class="num">Used</th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="$t/d:cap">
              <tr>
                <th scope="row"><xsl:value-of select="@kind"/></th>
                <td class="num"><xsl:value-of select="@limit"/></td>
                <td class="num"><xsl:value-of select="@used"/></td>
                <td><xsl:value-of select="."/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </section>
    </xsl:if>

    <section aria-labelledby="h-traces">
      <h2 id="h-traces">Rule traces</h2>
      <xsl:for-each select="$t/d:item">
        <h3>
          <xsl:for-each select="d:from">
            <xsl:if test="position() &gt; 1"> + </xsl:if>
            <xsl:value-of select="@code"/>
          </xsl:for-each>
          <xsl:if test="not(d:from)"><xsl:value-of select="@kind"/></xsl:if>
          <xsl:if test="d:to/@code">
            <xsl:text> to </xsl:text>
            <xsl:for-each select="d:to">
              <xsl:if test="position() &gt; 1"> + </xsl:if>
              <xsl:value-of select="@code"/>
            </xsl:for-each>
          </xsl:if>
          <xsl:text>: </xsl:text>
          <xsl:value-of select="@status"/>
        </h3>
        <ol class="trace">
          <xsl:for-each select="d:trace/d:step">
            <li>
              <span class="code"><xsl:value-of select="@check"/></span>
              <xsl:text> </xsl:text>
              <span class="step-{@outcome}"><xsl:value-of select="@outcome"/></span>
              <xsl:text>: </xsl:text>
              <xsl:value-of select="."/>
              <xsl:if test="@source or @confidence or @status">
                <span class="muted">
                  <xsl:text> [</xsl:text>
                  <xsl:value-of select="@source"/>
                  <xsl:if test="@source and (@confidence or @status)">, </xsl:if>
                  <xsl:value-of select="@confidence"/>
                  <xsl:if test="@confidence and @status">, </xsl:if>
                  <xsl:value-of select="@status"/>
                  <xsl:text>]</xsl:text>
                </span>
              </xsl:if>
            </li>
          </xsl:for-each>
        </ol>
      </xsl:for-each>
    </section>
  </xsl:template>
</xsl:stylesheet>
