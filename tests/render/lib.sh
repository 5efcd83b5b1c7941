# Helpers for the render-* end-to-end cases (sourced by their cmd).

# hx FILE XPATH: the string value of XPATH in the HTML page FILE, parsed
# with libxml2's HTML parser (which knows no HTML5 elements but keeps
# them; its complaints about them are dropped).
hx() {
	xmllint --html --recover --xpath "string($2)" "$1" 2>/dev/null
	echo
}

# hn FILE XPATH: the number XPATH gives (count(...), ...).
hn() {
	xmllint --html --recover --xpath "$2" "$1" 2>/dev/null
	echo
}

# ex FILE XPATH: the same for an XML file (ELMO), with the ELMO namespace
# bound to prefix e and setara's to s.
ex() {
	xmllint --xpath "$2" "$1" 2>/dev/null |
		sed 's/^ *//' | tr -s '\n' ' ' | sed 's/ $//'
	echo
}

# The ELMO schema folder (third-party, outside the project): from
# $SETARA_ELMO_SCHEMAS, else ../shared/schemas/elmo beside the checkout
# (or beside the folder of worktrees holding it).
elmo_schemas() {
	for d in "${SETARA_ELMO_SCHEMAS:-}" "$TOP/../shared/schemas/elmo" \
	    "$TOP/../../shared/schemas/elmo"; do
		if [ -n "$d" ] && [ -f "$d/schema.xsd" ] &&
		    [ -f "$d/catalog.xml" ]; then
			echo "$d"
			return 0
		fi
	done
	return 1
}

# elmo_validate FILE: silent when FILE is valid against the ELMO XSD;
# prints the errors (so that the case fails) when not; says on stderr
# that the check was skipped when the schema folder is absent.
elmo_validate() {
	if ! d=$(elmo_schemas); then
		echo "skipped: ELMO XSD check of $1 (no ../shared/schemas/elmo)" >&2
		return 0
	fi
	xsd_check "$d" "$1" "ELMO XSD"
}

# elmo2_validate FILE: the same against ELMO v2.0.0, whose schema files
# the project carries (tests/vectors/elmo-2.0.0): never skipped.
elmo2_validate() {
	xsd_check "$TOP/tests/vectors/elmo-2.0.0" "$1" "ELMO 2.0.0 XSD"
}

# xsd_check DIR FILE LABEL: FILE against DIR/schema.xsd, every import
# served by DIR/catalog.xml (--nonet: nothing fetched); silent when valid.
xsd_check() {
	XML_CATALOG_FILES=$1/catalog.xml xmllint --nonet --noout \
		--schema "$1/schema.xsd" "$2" >elmo-xsd.out 2>&1 ||
		{ echo "$3: $2 is not valid:"; cat elmo-xsd.out; }
}
