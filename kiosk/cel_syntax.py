"""What a CEL expression is made of, read without running it: limits and a cost bound.

The `cel` package compiles and runs CEL but exposes no syntax tree, and counting
brackets with regular expressions was bypassed (`[…]. exists(…)` with a space, a raw
string `r'\\'` that the pattern read as an escape). So we tokenize every lexical form
of CEL (strings '…' "…" '''…''' \"\"\"…\"\"\" with r/b prefixes and escapes, comments,
numbers) and parse by the CEL grammar's precedence, computing as we go:

- nesting depth (brackets, calls, conditional branches), checked while parsing so
  that nothing deeper ever reaches CEL's own recursive parser;
- comprehension nesting (all, exists, exists_one, map, filter inside one another);
- the largest string and list/map literal;
- a static cost bound: roughly how many steps evaluation can take. A comprehension
  costs its range's length times its body; `map` and `filter` also copy their
  accumulator on every step in the `cel` package (measured: quadratic), so they add
  length² times the size of what they keep. A range read from the answers (a
  repeat group) is bounded by MAX_REPEAT_ITEMS, as the engine truncates it there;
- the top-level names the expression reads (fields, groups), macro variables left out.

Whatever this parser cannot read is refused: an expression whose cost cannot be
bounded must not run. `cel.compile` still has the last word on validity.
"""

from __future__ import annotations

import re

import msgspec

from kiosk.catalog.model import MAX_REPEAT_ITEMS

MAX_NESTING_DEPTH = 32

# Per evaluation step of a comprehension (binding the variable, testing the loop).
ITERATION_COST = 10
# What a name read from the answers may hold when iterated: a repeat group's items,
# never more than MAX_REPEAT_ITEMS (kiosk.engine.context truncates).
UNKNOWN_LENGTH = MAX_REPEAT_ITEMS
# How many values one item read from the answers holds (a repeat item's fields).
UNKNOWN_ITEM_WEIGHT = 20

_MACROS = frozenset({"all", "exists", "exists_one", "map", "filter"})
# One pattern for every token; a string's body is then read by `_string`, which knows
# its quotes and prefixes (the pattern only finds where it starts).
_TOKEN = re.compile(
    r"""(?P<space>(?:[ \t\n\r\f]+|//[^\n]*)+)"""
    r"""|(?P<string>(?P<prefix>[rR][bB]?|[bB][rR]?)?['"])"""
    r"""|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"""
    r"""|(?P<number>0[xX][0-9a-fA-F]+[uU]?|(?:\d+\.\d+|\.\d+|\d+)(?:[eE][+-]?\d+)?[uU]?)"""
    r"""|(?P<punct>==|!=|<=|>=|&&|\|\||\.\?|\[\?|[<>!+\-*/%?:.,()\[\]{}])"""
)
_PRECEDENCE = {
    "||": 0, "&&": 1,
    "==": 2, "!=": 2, "<": 2, "<=": 2, ">": 2, ">=": 2, "in": 2,
    "+": 3, "-": 3, "*": 4, "/": 4, "%": 4,
}  # fmt: skip


class CelSyntaxError(ValueError):
    """The expression breaks a limit or cannot be read; `reason` says which."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Token(msgspec.Struct, frozen=True):
    kind: str  # "name", "number", "string", "punct", "end"
    text: str  # the token as written; for strings the body between the quotes
    position: int


def _string(text: str, start: int, prefix: str | None) -> tuple[str, int]:
    """The body of the string literal whose quote is at `start`, and where it ends."""
    quote = text[start]
    triple = text.startswith(quote * 3, start)
    closing = quote * 3 if triple else quote
    raw = "r" in (prefix or "").lower()
    index = start + len(closing)
    while index < len(text):
        char = text[index]
        if char == "\\" and not raw:
            index += 2
            continue
        if text.startswith(closing, index):
            return text[start + len(closing) : index], index + len(closing)
        if char in "\r\n" and not triple:
            break
        index += 1
    raise CelSyntaxError(f"string starting at character {start + 1} is not closed")


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    index = 0
    while index < len(text):
        match = _TOKEN.match(text, index)
        if match is None:
            raise CelSyntaxError(f"unexpected character {text[index]!r} at {index + 1}")
        kind = match.lastgroup or ""
        if kind == "string":
            body, index = _string(text, match.end() - 1, match.group("prefix"))
            tokens.append(Token("string", body, match.start()))
            continue
        if kind != "space":
            tokens.append(Token(kind, match.group(), index))
        index = match.end()
    tokens.append(Token("end", "", index))
    return tokens


class Value(msgspec.Struct):
    """What parsing found about a sub-expression."""

    cost: int = 1
    length: int = 1  # how many items it can hold if iterated
    largest: int = 1  # the longest list or map anywhere inside it (itself included)
    weight: int = 1  # how many values it holds in all: what copying it costs
    item_weight: int = 1  # the most values one of its items holds
    comprehensions: int = 0  # comprehension nesting inside it


def _combine(*parts: Value, cost: int = 1) -> Value:
    return Value(
        cost=cost + sum(p.cost for p in parts),
        comprehensions=max((p.comprehensions for p in parts), default=0),
    )


class Analysis(msgspec.Struct):
    names: frozenset[str]
    depth: int
    comprehensions: int
    cost: int
    longest_string: int
    largest_literal: int


class _Parser(msgspec.Struct):
    tokens: list[Token]
    at: int = 0
    depth: int = 0
    deepest: int = 0
    longest_string: int = 0
    largest_literal: int = 0
    names: set[str] = msgspec.field(default_factory=set)
    scopes: list[dict[str, Value]] = msgspec.field(default_factory=list)

    # --- tokens -------------------------------------------------------------------
    def peek(self, offset: int = 0) -> Token:
        return self.tokens[self.at + offset]  # `analyse` pads the end: never past it

    def is_(self, text: str) -> bool:
        token = self.tokens[self.at]
        return token.text == text and token.kind != "string"

    def take(self) -> Token:
        token = self.peek()
        self.at += 1
        return token

    def expect(self, text: str) -> None:
        if not self.is_(text):
            token = self.peek()
            found = token.text or "the end"
            raise CelSyntaxError(f"expected '{text}' at {token.position + 1}, found '{found}'")
        self.at += 1

    def enter(self) -> None:
        self.depth += 1
        self.deepest = max(self.deepest, self.depth)
        if self.depth > MAX_NESTING_DEPTH:
            raise CelSyntaxError(f"nested deeper than {MAX_NESTING_DEPTH}")

    def leave(self) -> None:
        self.depth -= 1

    # --- grammar (CEL's precedence, lowest first) ----------------------------------
    def expression(self) -> Value:
        condition = self.binary(0)
        if not self.is_("?"):
            return condition
        self.take()
        self.enter()
        then = self.expression()
        self.expect(":")
        otherwise = self.expression()
        self.leave()
        result = _combine(condition, then, otherwise)
        result.length = max(then.length, otherwise.length)
        result.largest = max(then.largest, otherwise.largest)
        result.weight = max(then.weight, otherwise.weight)
        result.item_weight = max(then.item_weight, otherwise.item_weight)
        return result

    def binary(self, lowest: int) -> Value:
        """Operators of precedence `lowest` or higher, left to right (precedence
        climbing: one call per operand, not one per precedence level)."""
        left = self.unary()
        while True:
            token = self.tokens[self.at]
            level = _PRECEDENCE.get(token.text, -1) if token.kind != "string" else -1
            if level < lowest:
                return left
            self.at += 1
            operator = token.text
            right = self.binary(level + 1)
            combined = _combine(left, right)
            if operator == "+":  # concatenation: lists grow, and are copied
                combined.length = left.length + right.length
                combined.largest = max(combined.length, left.largest, right.largest)
                combined.weight = left.weight + right.weight
                combined.item_weight = max(left.item_weight, right.item_weight)
                combined.cost += combined.length
            elif operator == "in":  # a linear search of the right side
                combined.cost += right.weight
            left = combined

    def unary(self) -> Value:
        signs = 0
        while self.is_("!") or self.is_("-"):
            self.take()
            signs += 1
        value = self.member()
        value.cost += signs
        return value

    def member(self) -> Value:
        value = self.primary()
        while True:
            if self.is_(".") or self.is_(".?"):
                self.take()
                name = self.take()
                if name.kind != "name":
                    raise CelSyntaxError(f"expected a name after '.' at {name.position + 1}")
                value = self.call(name.text, value) if self.is_("(") else self.selection(value)
            elif self.is_("[") or self.is_("[?"):
                self.take()
                self.enter()
                index = self.expression()
                self.expect("]")
                self.leave()
                value = self.selection(_combine(value, index, cost=0), value)
            else:
                return value

    def selection(self, value: Value, source: Value | None = None) -> Value:
        """A field or item of something: no larger than what is inside it, or than a
        value from the answers."""
        whole = source or value
        size = max(UNKNOWN_LENGTH, whole.largest)
        weight = max(UNKNOWN_ITEM_WEIGHT, whole.item_weight)
        return Value(value.cost + 1, size, size, weight, weight, value.comprehensions)

    def arguments(self) -> list[Value]:
        self.expect("(")
        self.enter()
        values = []
        while not self.is_(")"):
            values.append(self.expression())
            if not self.is_(","):
                break
            self.take()
        self.expect(")")
        self.leave()
        return values

    def call(self, name: str, receiver: Value | None) -> Value:
        if receiver is not None and name in _MACROS:
            variable, after = self.peek(1), self.peek(2)
            if variable.kind == "name" and after.kind == "punct" and after.text == ",":
                return self.comprehension(name, receiver)
        values = self.arguments()
        parts = [*values, receiver] if receiver is not None else values
        result = _combine(*parts)
        result.cost += sum(p.weight for p in parts)  # at worst linear in what it reads
        return result

    def comprehension(self, macro: str, range_: Value) -> Value:
        self.expect("(")
        self.enter()
        variable = self.take().text
        self.expect(",")
        item = range_.item_weight
        element = Value(1, range_.largest, range_.largest, item, item)
        self.scopes.append({variable: element})
        bodies = [self.expression()]
        while self.is_(","):
            self.take()
            bodies.append(self.expression())
        self.scopes.pop()
        self.expect(")")
        self.leave()
        steps = range_.length
        body_cost = sum(b.cost for b in bodies)
        result = Value(
            cost=range_.cost + steps * (ITERATION_COST + body_cost),
            comprehensions=max(range_.comprehensions, 1 + max(b.comprehensions for b in bodies)),
        )
        if macro in ("map", "filter"):
            kept = bodies[-1] if macro == "map" else element
            result.cost += steps * steps * kept.weight  # the accumulator is copied each step
            result.length = steps
            result.largest = max(steps, kept.largest)
            result.weight = 1 + steps * kept.weight
            result.item_weight = kept.weight
        return result

    def primary(self) -> Value:
        token = self.take()
        if token.kind == "number":
            return Value()
        if token.kind == "string":
            self.longest_string = max(self.longest_string, len(token.text))
            return Value()
        if token.kind == "name":
            return self.name(token)
        if token.text == "." and self.peek().kind == "name":  # `.name`: the root scope
            return self.name(self.take())
        if token.text == "(":
            self.enter()
            value = self.expression()
            self.expect(")")
            self.leave()
            return value
        if token.text in ("[", "{"):
            return self.literal(token.text)
        found = token.text or "the end"
        raise CelSyntaxError(f"unexpected '{found}' at {token.position + 1}")

    def name(self, token: Token) -> Value:
        if self.is_("("):
            return self.call(token.text, None)
        for scope in reversed(self.scopes):
            if token.text in scope:
                bound = scope[token.text]
                return Value(1, bound.length, bound.largest, bound.weight, bound.item_weight)
        if token.text not in ("true", "false", "null"):
            self.names.add(token.text)
            weight = UNKNOWN_LENGTH * UNKNOWN_ITEM_WEIGHT
            return Value(1, UNKNOWN_LENGTH, UNKNOWN_LENGTH, weight, UNKNOWN_ITEM_WEIGHT)
        return Value()

    def literal(self, opening: str) -> Value:
        """A list `[a, b]` or a map `{k: v}` (the opening bracket already taken)."""
        closing = "]" if opening == "[" else "}"
        self.enter()
        items: list[Value] = []
        while not self.is_(closing):
            items.append(self.expression())
            if opening == "{":
                self.expect(":")
                items.append(self.expression())
            if not self.is_(","):
                break
            self.take()
        self.expect(closing)
        self.leave()
        count = len(items) if opening == "[" else len(items) // 2
        self.largest_literal = max(self.largest_literal, count)
        result = _combine(*items)
        result.length = count
        result.largest = max([count, *(item.largest for item in items)])
        result.weight = 1 + sum(item.weight for item in items)
        result.item_weight = max((item.weight for item in items), default=1)
        return result


def analyse(expression: str) -> Analysis:
    """Read the expression; raises CelSyntaxError if it cannot be read or is too deep."""
    tokens = tokenize(expression)
    parser = _Parser(tokens + [tokens[-1]] * 3)  # lookahead never runs off the end
    value = parser.expression()
    if parser.peek().kind != "end":
        token = parser.peek()
        raise CelSyntaxError(f"unexpected '{token.text}' at {token.position + 1}")
    return Analysis(
        names=frozenset(parser.names),
        depth=parser.deepest,
        comprehensions=value.comprehensions,
        cost=value.cost,
        longest_string=parser.longest_string,
        largest_literal=parser.largest_literal,
    )
