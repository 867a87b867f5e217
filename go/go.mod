module lms-errors/go/lmserrors

go 1.19
