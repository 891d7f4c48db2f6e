module github.com/mockidp/mockidp

go 1.26
