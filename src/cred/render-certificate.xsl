<?xml version="1.0" encoding="UTF-8"?>
<!--
  setara: a qualification certificate (also the skills credential that
  mutual recognition of skills reads): certificate number, qualification
  with its national and AQRF levels, sector, occupation, the competency
  units assessed and the assessment.  Skeleton: render-common.xsl.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:d="urn:setara:doc:1"
    xmlns:r="urn:setara:render:1"
    xmlns:ds="http://www.w3.org/2000/09/xmldsig#"
    exclude-result-prefixes="d r ds">

  <xsl:template match="d:certificate" mode="body">
    <section aria-labelledby="h-qualification">
      <h2 id="h-qualification">Qualification</h2>
      <dl class="facts">
        <dt>Certificate number</dt>
        <dd class="certificate-number"><span class="code"><xsl:value-of select="d:number"/></span></dd>
        <dt>Qualification</dt>
        <dd class="qualification-title"><xsl:value-of select="d:qualification/d:title"/></dd>
        <xsl:if test="d:qualification/@code">
          <dt>Code</dt>
          <dd><span class="code"><xsl:value-of select="d:qualification/@code"/></span></dd>
        </xsl:if>
        <dt>National level</dt>
        <dd class="national-level">
          <xsl:call-template name="level">
            <xsl:with-param name="ref" select="d:qualification/@level"/>
          </xsl:call-template>
        </dd>
        <dt>AQRF level</dt>
        <dd class="aqrf-level">
          <xsl:text>AQRF level </xsl:text>
          <xsl:value-of select="d:qualification/@aqrf"/>
        </dd>
        <dt>How the AQRF level was obtained</dt>
        <dd class="derivation">
          <xsl:call-template name="derivation">
            <xsl:with-param name="q" select="d:qualification"/>
          </xsl:call-template>
        </dd>
        <dt>Sector</dt>
        <dd><xsl:value-of select="d:sector"/></dd>
        <dt>Occupation</dt>
        <dd>
          <xsl:value-of select="d:occupation/d:title"/>
          <xsl:text> (</xsl:text>
          <span class="code"><xsl:value-of select="d:occupation/@code"/></span>
          <xsl:if test="d:occupation/@isco">
            <xsl:text>, ISCO-08 </xsl:text>
            <xsl:value-of select="d:occupation/@isco"/>
          </xsl:if>
          <xsl:text>)</xsl:text>
        </dd>
      </dl>
    </section>
    <section aria-labelledby="h-units">
      <h2 id="h-units">Competency units</h2>
      <table class="units">
        <caption>
          <xsl:value-of select="count(d:units/d:unit)"/>
          <xsl:text> competency units assessed</xsl:text>
        </caption>
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Unit of competency</th>
            <th scope="col">Kind</th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="d:units/d:unit">
            <tr>
              <th scope="row"><span class="code"><xsl:value-of select="@code"/></span></th>
              <td><xsl:value-of select="d:title"/></td>
              <td><xsl:value-of select="@kind"/></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </section>
    <section aria-labelledby="h-assessment">
      <h2 id="h-assessment">Assessment</h2>
      <dl class="facts">
        <dt>Date</dt>
        <dd><xsl:value-of select="d:assessment/@date"/></dd>
        <dt>Route</dt>
        <dd>
          <xsl:choose>
            <xsl:when test="d:assessment/@route = 'rpl'">recognition of prior learning</xsl:when>
            <xsl:when test="d:assessment/@route = 'dual'">dual training</xsl:when>
            <xsl:otherwise><xsl:value-of select="d:assessment/@route"/></xsl:otherwise>
          </xsl:choose>
        </dd>
        <xsl:if test="d:assessment/d:centre">
          <dt>Assessment centre</dt>
          <dd><xsl:value-of select="d:assessment/d:centre"/></dd>
        </xsl:if>
      </dl>
    </section>
  </xsl:template>
</xsl:stylesheet>
