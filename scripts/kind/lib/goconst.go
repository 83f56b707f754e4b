// goconst prints the value of string constants declared in the Go files of
// one package directory, e.g. the manifests and image names that kind's node
// image builder writes into a node image:
//
//	go run goconst.go DIR NAME...
//
// Only constant expressions made of string literals, other constants of the
// same package and `+` are evaluated. Standard library only.
package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: goconst DIR NAME...")
		os.Exit(2)
	}
	files, _ := filepath.Glob(filepath.Join(os.Args[1], "*.go"))
	exprs := map[string]ast.Expr{}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			fail(err)
		}
		for _, d := range file.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, s := range g.Specs {
				v := s.(*ast.ValueSpec)
				for i, n := range v.Names {
					if i < len(v.Values) {
						exprs[n.Name] = v.Values[i]
					}
				}
			}
		}
	}
	var eval func(e ast.Expr) string
	eval = func(e ast.Expr) string {
		switch x := e.(type) {
		case *ast.BasicLit:
			s, err := strconv.Unquote(x.Value)
			if err != nil || x.Kind != token.STRING {
				fail(fmt.Errorf("not a string literal: %s", x.Value))
			}
			return s
		case *ast.Ident:
			v, ok := exprs[x.Name]
			if !ok {
				fail(fmt.Errorf("unknown constant %s", x.Name))
			}
			return eval(v)
		case *ast.BinaryExpr:
			if x.Op == token.ADD {
				return eval(x.X) + eval(x.Y)
			}
		case *ast.ParenExpr:
			return eval(x.X)
		}
		fail(fmt.Errorf("unsupported expression at %v", fset.Position(e.Pos())))
		return ""
	}
	for _, name := range os.Args[2:] {
		v, ok := exprs[name]
		if !ok {
			fail(fmt.Errorf("no constant %s in %s", name, os.Args[1]))
		}
		fmt.Print(eval(v))
		if len(os.Args) > 3 {
			fmt.Println()
		}
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "goconst:", err)
	os.Exit(1)
}
