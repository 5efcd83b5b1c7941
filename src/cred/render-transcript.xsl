<?xml version="1.0" encoding="UTF-8"?>
<!--
  setara: a transcript of records as a registrar prints it.  Programme,
  qualification with its national and AQRF levels and how the AQRF level
  was obtained, the conversion applied, then one table per term with the
  original and converted credits and grades side by side, the term's
  counted credits (exact sums computed by render.c), and the totals.
  The page skeleton is in render-common.xsl.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:d="urn:setara:doc:1"
    xmlns:r="urn:setara:render:1"
    xmlns:ds="http://www.w3.org/2000/09/xmldsig#"
    exclude-result-prefixes="d r ds">

  <xsl:template match="d:transcript" mode="body">
    <xsl:apply-templates select="d:programme"/>
    <xsl:apply-templates select="d:qualification"/>
    <xsl:apply-templates select="d:conversion"/>
    <section aria-labelledby="h-courses">
      <h2 id="h-courses">Courses by term</h2>
      <xsl:apply-templates select="d:term"/>
    </section>
    <xsl:apply-templates select="d:totals"/>
  </xsl:template>

  <xsl:template match="d:programme">
    <section aria-labelledby="h-programme">
      <h2 id="h-programme">Programme</h2>
      <dl class="facts">
        <dt>Programme</dt>
        <dd class="programme-title"><xsl:value-of select="d:title"/></dd>
        <dt>Code</dt>
        <dd><span class="code"><xsl:value-of select="@code"/></span></dd>
        <xsl:if test="@iscedF">
          <dt>Field (ISCED-F 2013)</dt>
          <dd><xsl:value-of select="@iscedF"/></dd>
        </xsl:if>
        <xsl:if test="@start or @end">
          <dt>Period</dt>
          <dd class="period">
            <xsl:call-template name="period">
              <xsl:with-param name="from" select="@start"/>
              <xsl:with-param name="to" select="@end"/>
            </xsl:call-template>
          </dd>
        </xsl:if>
        <dt>Status</dt>
        <dd>
          <xsl:value-of select="@status"/>
          <xsl:if test="not(@status)">completed</xsl:if>
        </dd>
        <dt>Credit system</dt>
        <dd class="credit-system">
          <xsl:call-template name="named">
            <xsl:with-param name="kind" select="'credit-system'"/>
            <xsl:with-param name="id" select="@creditSystem"/>
          </xsl:call-template>
        </dd>
        <dt>Grade scale</dt>
        <dd class="grade-scale">
          <xsl:call-template name="named">
            <xsl:with-param name="kind" select="'grade-scale'"/>
            <xsl:with-param name="id" select="@gradeScale"/>
          </xsl:call-template>
        </dd>
      </dl>
    </section>
  </xsl:template>

  <xsl:template match="d:qualification">
    <section aria-labelledby="h-qualification">
      <h2 id="h-qualification">Qualification</h2>
      <dl class="facts">
        <dt>Qualification</dt>
        <dd class="qualification-title"><xsl:value-of select="d:title"/></dd>
        <xsl:if test="@code">
          <dt>Code</dt>
          <dd><span class="code"><xsl:value-of select="@code"/></span></dd>
        </xsl:if>
        <xsl:if test="@awarded">
          <dt>Awarded</dt>
          <dd><xsl:value-of select="@awarded"/></dd>
        </xsl:if>
        <dt>National level</dt>
        <dd class="national-level">
          <xsl:call-template name="level">
            <xsl:with-param name="ref" select="@level"/>
          </xsl:call-template>
        </dd>
        <dt>AQRF level</dt>
        <dd class="aqrf-level">
          <xsl:text>AQRF level </xsl:text>
          <xsl:value-of select="@aqrf"/>
        </dd>
        <dt>How the AQRF level was obtained</dt>
        <dd class="derivation">
          <xsl:call-template name="derivation">
            <xsl:with-param name="q" select="."/>
          </xsl:call-template>
        </dd>
      </dl>
    </section>
  </xsl:template>

  <xsl:template match="d:conversion">
    <section aria-labelledby="h-conversion">
      <h2 id="h-conversion">Conversion</h2>
      <p class="note">Each course below shows its original credits and grade beside the converted ones.</p>
      <dl class="facts">
        <dt>Credits converted to</dt>
        <dd>
          <xsl:call-template name="named">
            <xsl:with-param name="kind" select="'credit-system'"/>
            <xsl:with-param name="id" select="@creditSystem"/>
          </xsl:call-template>
          <xsl:text> (method: </xsl:text>
          <xsl:value-of select="@creditMethod"/>
          <xsl:text>)</xsl:text>
        </dd>
        <dt>Grades converted to</dt>
        <dd>
          <xsl:call-template name="named">
            <xsl:with-param name="kind" select="'grade-scale'"/>
            <xsl:with-param name="id" select="@gradeScale"/>
          </xsl:call-template>
          <xsl:text> (method: </xsl:text>
          <xsl:value-of select="@gradeMethod"/>
          <xsl:text>)</xsl:text>
        </dd>
        <dt>Rule applied</dt>
        <dd class="rule"><xsl:value-of select="@rule"/></dd>
      </dl>
    </section>
  </xsl:template>

  <xsl:template match="d:term">
    <xsl:variable name="pos" select="count(preceding-sibling::d:term) + 1"/>
    <xsl:variable name="sum" select="$R/r:term[position() = $pos]"/>
    <xsl:variable name="conv" select="../d:conversion"/>
    <xsl:variable name="p" select="../d:programme"/>
    <section class="term">
      <table class="courses">
        <caption>
          <xsl:value-of select="@name"/>
          <xsl:if test="not(@name)"><xsl:value-of select="@id"/></xsl:if>
          <xsl:if test="@start or @end">
            <span class="muted">
              <xsl:text> (</xsl:text>
              <xsl:value-of select="@start"/>
              <xsl:text> to </xsl:text>
              <xsl:value-of select="@end"/>
              <xsl:text>)</xsl:text>
            </span>
          </xsl:if>
        </caption>
        <thead>
          <tr>
            <th scope="col" rowspan="2">Code</th>
            <th scope="col" rowspan="2">Course</th>
            <th scope="colgroup" colspan="3">
              <xsl:text>Original (</xsl:text>
              <xsl:value-of select="$p/@creditSystem"/>
              <xsl:text>, </xsl:text>
              <xsl:value-of select="$p/@gradeScale"/>
              <xsl:text>)</xsl:text>
            </th>
            <xsl:if test="$conv">
              <th scope="colgroup" colspan="2">
                <xsl:text>Converted (</xsl:text>
                <xsl:value-of select="$conv/@creditSystem"/>
                <xsl:text>, </xsl:text>
                <xsl:value-of select="$conv/@gradeScale"/>
                <xsl:text>)</xsl:text>
              </th>
            </xsl:if>
            <th scope="col" rowspan="2">Status</th>
          </tr>
          <tr>
            <th scope="col" class="num">Credits</th>
            <th scope="col">Grade</th>
            <th scope="col" class="num">Points</th>
            <xsl:if test="$conv">
              <th scope="col" class="num">Credits</th>
              <th scope="col">Grade</th>
            </xsl:if>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="d:course">
            <tr>
              <th scope="row"><span class="code"><xsl:value-of select="@code"/></span></th>
              <td><xsl:value-of select="d:title"/></td>
              <td class="num"><xsl:value-of select="@credits"/></td>
              <td><xsl:value-of select="@grade"/></td>
              <td class="num"><xsl:value-of select="@points"/></td>
              <xsl:if test="$conv">
                <td class="num"><xsl:value-of select="d:converted/@credits"/></td>
                <td><xsl:value-of select="d:converted/@grade"/></td>
              </xsl:if>
              <td>
                <xsl:value-of select="@status"/>
                <xsl:if test="not(@status)">passed</xsl:if>
              </td>
            </tr>
          </xsl:for-each>
        </tbody>
        <xsl:if test="$sum">
          <tfoot>
            <tr>
              <th scope="row" colspan="2">Term credits counted</th>
              <td class="num"><xsl:value-of select="$sum/@credits"/></td>
              <td></td>
              <td></td>
              <xsl:if test="$conv">
                <td class="num"><xsl:value-of select="$sum/@converted"/></td>
                <td></td>
              </xsl:if>
              <td>
                <xsl:value-of select="$sum/@counted"/>
                <xsl:text> of </xsl:text>
                <xsl:value-of select="count(d:course)"/>
                <xsl:text> courses</xsl:text>
              </td>
            </tr>
          </tfoot>
        </xsl:if>
      </table>
    </section>
  </xsl:template>

  <xsl:template match="d:totals">
    <xsl:variable name="p" select="../d:programme"/>
    <xsl:variable name="conv" select="../d:conversion"/>
    <section aria-labelledby="h-totals">
      <h2 id="h-totals">Totals</h2>
      <table class="totals">
        <caption>Totals over all terms (passed, transferred and exempted courses count)</caption>
        <thead>
          <tr>
            <th scope="col">Measure</th>
            <th scope="col" class="num">Value</th>
            <th scope="col">System</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Credits earned</th>
            <td class="num total-credits"><xsl:value-of select="@credits"/></td>
            <td><xsl:value-of select="$p/@creditSystem"/></td>
          </tr>
          <xsl:if test="@convertedCredits">
            <tr>
              <th scope="row">Credits earned, converted</th>
              <td class="num total-converted"><xsl:value-of select="@convertedCredits"/></td>
              <td><xsl:value-of select="$conv/@creditSystem"/></td>
            </tr>
          </xsl:if>
          <xsl:if test="@gpa">
            <tr>
              <th scope="row">Grade point average (as the issuer computes it)</th>
              <td class="num total-gpa"><xsl:value-of select="@gpa"/></td>
              <td><xsl:value-of select="$p/@gradeScale"/></td>
            </tr>
          </xsl:if>
          <tr>
            <th scope="row">Courses listed</th>
            <td class="num"><xsl:value-of select="count(../d:term/d:course)"/></td>
            <td></td>
          </tr>
        </tbody>
      </table>
    </section>
  </xsl:template>
</xsl:stylesheet>
