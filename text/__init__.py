"""Plain text helpers every layer may use: sentence and token boundaries as character offsets."""
