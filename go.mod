module github.com/attune-desk/attune

go 1.26.8
