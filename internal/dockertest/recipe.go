package dockertest

import (
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"
)

// recipe is what the test image needs from the repository's Dockerfile, so
// that the image the tests run cannot drift from the one users build: the
// build stage's `go build` arguments and the folders it makes, and the
// final stage rewritten to copy those from a folder staged on the host.
type recipe struct {
	// goBuild is the words after `go build`, with -o's value removed.
	goBuild []string
	// binary is the path `go build -o` writes in the build stage.
	binary string
	// dirs are the folders `mkdir -p` makes in the build stage.
	dirs []string
	// final is the final stage with COPY --from=… reading the staged
	// folder: /out/mockidp becomes out/mockidp.
	final string
}

// parseRecipe reads a multi-stage Dockerfile whose last stage copies only
// what the previous stage's `go build -o` and `mkdir -p` make. Anything else
// is an error: a test image silently different from the real one would
// test the wrong thing.
func parseRecipe(dockerfile string) (recipe, error) {
	lines := strings.Split(withoutComments(dockerfile), "\n")
	last := -1
	for i, line := range lines {
		if instruction(line) == "FROM" {
			last = i
		}
	}
	if last <= 0 {
		return recipe{}, errors.New("want a build stage and a final stage")
	}
	if from := strings.Fields(lines[last]); len(from) < 2 || !strings.EqualFold(from[1], "scratch") {
		return recipe{}, fmt.Errorf("the final stage is %q; the test image is built only FROM scratch, which needs no registry", lines[last])
	}
	build := strings.Join(lines[:last], "\n")
	var r recipe
	var err error
	if r.goBuild, r.binary, err = goBuildWords(build); err != nil {
		return recipe{}, err
	}
	r.dirs = mkdirs(build)
	finalLines := []string{"FROM scratch"}
	for _, line := range lines[last+1:] {
		if line, err = r.stagedCopy(line); err != nil {
			return recipe{}, err
		}
		finalLines = append(finalLines, line)
	}
	r.final = strings.Join(finalLines, "\n")
	return r, nil
}

// stagedCopy rewrites a COPY --from=<stage> line to copy from the staged
// folder; other lines are kept.
func (r recipe) stagedCopy(line string) (string, error) {
	if instruction(line) != "COPY" || !strings.Contains(line, "--from=") {
		return line, nil
	}
	words := strings.Fields(line)[1:]
	var flags, paths []string
	for _, w := range words {
		switch {
		case strings.HasPrefix(w, "--from="):
		case strings.HasPrefix(w, "--"):
			flags = append(flags, w)
		default:
			paths = append(paths, w)
		}
	}
	if len(paths) < 2 {
		return "", fmt.Errorf("cannot read %q", line)
	}
	for i, src := range paths[:len(paths)-1] {
		if src != r.binary && !slices.Contains(r.dirs, src) {
			return "", fmt.Errorf("the final stage copies %s, which the build stage's go build -o or mkdir -p does not make", src)
		}
		paths[i] = strings.TrimPrefix(path.Clean(src), "/")
	}
	return strings.Join(append(append([]string{"COPY"}, flags...), paths...), " "), nil
}

// goBuildWords finds the build stage's `go build … -o OUT PKG` and returns
// its words without -o OUT, and OUT.
func goBuildWords(build string) ([]string, string, error) {
	_, after, found := strings.Cut(build, "go build ")
	if !found {
		return nil, "", errors.New("no `go build` in the build stage")
	}
	cmd, _, _ := strings.Cut(after, "&&")
	cmd, _, _ = strings.Cut(cmd, "\n")
	words, err := shellWords(cmd)
	if err != nil {
		return nil, "", err
	}
	for i, w := range words {
		if w == "-o" && i+1 < len(words) {
			return append(words[:i:i], words[i+2:]...), words[i+1], nil
		}
	}
	return nil, "", errors.New("the build stage's go build has no -o")
}

// mkdirs lists the folders of every `mkdir -p` in the build stage.
func mkdirs(build string) []string {
	var dirs []string
	for _, part := range strings.Split(build, "mkdir -p ")[1:] {
		part, _, _ = strings.Cut(part, "&&")
		part, _, _ = strings.Cut(part, "\n")
		dirs = append(dirs, strings.Fields(part)...)
	}
	return dirs
}

// shellWords splits a command line as sh would for the plain words and
// double-quoted strings a Dockerfile's go build uses.
func shellWords(s string) ([]string, error) {
	var words []string
	var word strings.Builder
	inWord, quoted := false, false
	for _, c := range s {
		switch {
		case c == '"':
			quoted, inWord = !quoted, true
		case !quoted && (c == ' ' || c == '\t'):
			if inWord {
				words = append(words, word.String())
				word.Reset()
				inWord = false
			}
		case strings.ContainsRune("'$`\\;|<>", c) && !quoted:
			return nil, fmt.Errorf("go build line %q uses shell syntax the test build does not follow", strings.TrimSpace(s))
		default:
			word.WriteRune(c)
			inWord = true
		}
	}
	if quoted {
		return nil, fmt.Errorf("unbalanced quote in %q", strings.TrimSpace(s))
	}
	if inWord {
		words = append(words, word.String())
	}
	return words, nil
}

// withoutComments drops comment lines, as Docker does even inside a
// continued instruction, and joins continued lines.
func withoutComments(dockerfile string) string {
	var kept []string
	for _, line := range strings.Split(dockerfile, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "#") {
			kept = append(kept, line)
		}
	}
	return strings.ReplaceAll(strings.Join(kept, "\n"), "\\\n", " ")
}

// instruction is a Dockerfile line's instruction in upper case, or "".
func instruction(line string) string {
	fields := strings.Fields(line)
	if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
		return ""
	}
	return strings.ToUpper(fields[0])
}
