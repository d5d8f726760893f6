enum PlaceholderFastCGITests {}
