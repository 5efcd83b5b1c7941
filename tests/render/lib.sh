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
	XML_CATALOG_FILES=$d/catalog.xml xmllint --nonet --noout \
		--schema "$d/schema.xsd" "$1" >elmo-xsd.out 2>&1 ||
		{ echo "ELMO XSD: $1 is not valid:"; cat elmo-xsd.out; }
}
