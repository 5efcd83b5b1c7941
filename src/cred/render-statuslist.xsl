<?xml version="1.0" encoding="UTF-8"?>
<!--
  setara: a status list (W3C Bitstring Status List idea): who publishes
  it, for what purpose, how many entries and how many are set (counted by
  render.c from the decoded bitstring), and its validity.  The bitstring
  itself is not shown.  Skeleton: render-common.xsl.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:d="urn:setara:doc:1"
    xmlns:r="urn:setara:render:1"
    xmlns:ds="http://www.w3.org/2000/09/xmldsig#"
    exclude-result-prefixes="d r ds">

  <xsl:template match="d:statusList" mode="body">
    <section aria-labelledby="h-list">
      <h2 id="h-list">Status list</h2>
      <p class="note">
        <xsl:text>Each document the issuer issues with a status entry has one position in this list; a set position means the document is </xsl:text>
        <xsl:choose>
          <xsl:when test="d:purpose = 'suspension'">suspended</xsl:when>
          <xsl:otherwise>revoked</xsl:otherwise>
        </xsl:choose>
        <xsl:text>. Which documents they are is not shown here.</xsl:text>
      </p>
      <dl class="facts">
        <dt>Purpose</dt>
        <dd class="purpose"><xsl:value-of select="d:purpose"/></dd>
        <dt>Entries</dt>
        <dd class="size"><xsl:value-of select="d:size"/></dd>
        <dt>Entries set</dt>
        <dd class="set-bits">
          <xsl:choose>
            <xsl:when test="$R/@setBits = 'undecodable'">the encoded list cannot be decoded</xsl:when>
            <xsl:otherwise><xsl:value-of select="$R/@setBits"/></xsl:otherwise>
          </xsl:choose>
        </dd>
        <dt>Encoded list</dt>
        <dd>
          <xsl:value-of select="string-length(d:encodedList)"/>
          <xsl:text> characters (GZIP, base64url)</xsl:text>
        </dd>
      </dl>
    </section>
  </xsl:template>
</xsl:stylesheet>
