<?xml version="1.0" encoding="UTF-8"?>
<!--
  setara: any document type without a page of its own.  After the shared
  header, each element of the body becomes a section: its attributes and
  simple children as a list of facts, repeated children as nested lists.
  Every value is text, escaped by the serialiser.  Skeleton:
  render-common.xsl.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:d="urn:setara:doc:1"
    xmlns:r="urn:setara:render:1"
    xmlns:ds="http://www.w3.org/2000/09/xmldsig#"
    exclude-result-prefixes="d r ds">

  <xsl:template match="*" mode="body">
    <xsl:for-each select="d:*[not(self::d:id or self::d:issuer or self::d:subject or self::d:issued or self::d:validFrom or self::d:validUntil or self::d:status)]">
      <section>
        <h2><xsl:value-of select="local-name()"/></h2>
        <xsl:apply-templates select="." mode="generic"/>
      </section>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="*" mode="generic">
    <dl class="facts">
      <xsl:for-each select="@*">
        <dt><xsl:value-of select="local-name()"/></dt>
        <dd><xsl:value-of select="."/></dd>
      </xsl:for-each>
      <xsl:if test="not(*) and normalize-space(.)">
        <dt>value</dt>
        <dd><xsl:value-of select="."/></dd>
      </xsl:if>
      <xsl:for-each select="*">
        <dt><xsl:value-of select="local-name()"/></dt>
        <dd>
          <xsl:choose>
            <xsl:when test="not(@*) and not(*)"><xsl:value-of select="."/></xsl:when>
            <xsl:otherwise><xsl:apply-templates select="." mode="generic"/></xsl:otherwise>
          </xsl:choose>
        </dd>
      </xsl:for-each>
    </dl>
  </xsl:template>
</xsl:stylesheet>
