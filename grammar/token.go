package grammar

import "github.com/alecthomas/participle/v2/lexer"

// The token types the scanner produces. Keywords, punctuation and operators are matched by
// their text in the grammar; literals and identifiers by their type.
const (
	EOF                         = lexer.EOF
	Ident       lexer.TokenType = iota + 1 // object types, property names and dictionary keys
	Keyword                                // upper-case reserved words: AND, OR, IN, START, ...
	Bool                                   // true, false
	String                                 // 'text', raw with quotes and escapes
	Int                                    // [+-]?digits
	Float                                  // [+-]?digits?.digits
	Timestamp                              // t'...'
	Binary                                 // b'...'
	Hex                                    // h'...'
	Operator                               // = == != <> < <= > >=
	Punct                                  // [ ] ( ) : . , *
	BracketText                            // [...] around an observation's comparisons
)

var symbols = map[string]lexer.TokenType{
	"EOF": EOF, "Ident": Ident, "Keyword": Keyword, "Bool": Bool, "String": String,
	"Int": Int, "Float": Float, "Timestamp": Timestamp, "Binary": Binary, "Hex": Hex,
	"Operator": Operator, "Punct": Punct, "BracketText": BracketText,
}

// keywords are the reserved words of the STIX 2.1 grammar; upper case only.
var keywords = map[string]bool{
	"AND": true, "OR": true, "NOT": true, "FOLLOWEDBY": true, "LIKE": true, "MATCHES": true,
	"ISSUPERSET": true, "ISSUBSET": true, "EXISTS": true, "LAST": true, "IN": true,
	"START": true, "STOP": true, "SECONDS": true, "WITHIN": true, "REPEATS": true,
	"TIMES": true,
}
