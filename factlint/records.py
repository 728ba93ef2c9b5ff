"""Records: the dataclasses of the pipeline, made at a fraction of the import-time cost.

`@record(frozen=..., slots=..., order=...)` builds the class `@dataclass` with the same arguments
builds (eq on; fields from the class's own annotations, defaults and `field(...)`): the same
`__init__` (defaults, default factories, `__post_init__`), `__repr__`, `__eq__`, `__hash__`
(frozen: the hash of the compared fields' tuple; not frozen: None), ordering, frozen
`__setattr__`/`__delattr__`, `__match_args__`, pickling of frozen slotted instances. Where
`dataclass` compiles one function per method (and `import dataclasses` pulls in `inspect`),
`record` compiles only the `__init__`, when the first record is built, and builds the other
methods as closures. To the `dataclasses` module a record is a dataclass (`fields`, `replace`,
`asdict` work; see `_DataclassFields`); the package itself uses `fields` and `replace` below.

A frozen slotted record's `__init__` pays one `object.__setattr__` per field (and any
`__post_init__` check). The pipeline builds several such records per figure (spans, mentions,
intervals, claim contexts, findings), so the hot paths build them with `unchecked(cls)` instead.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter

TYPE_CHECKING = False  # as `typing.TYPE_CHECKING`: typing is not imported at run time (start-up)
if TYPE_CHECKING:
    from typing import Any


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()  # no default
_HAS_FACTORY: Any = _Missing()  # the `__init__` default of a field with a default factory


class FrozenInstanceError(AttributeError):
    """Assigning to (or deleting) a field of a frozen record."""


class Field:
    """One field of a record: `field(...)` in the class body, completed by `record`."""

    __slots__ = ("name", "type", "default", "default_factory", "repr", "compare")

    def __init__(self, default: Any, default_factory: Any, repr: bool, compare: bool) -> None:
        if default is not MISSING and default_factory is not MISSING:
            raise ValueError("cannot specify both default and default_factory")
        self.name: str = ""
        self.type: Any = None
        self.default = default
        self.default_factory = default_factory
        self.repr = repr
        self.compare = compare

    def __repr__(self) -> str:
        return f"Field(name={self.name!r}, default={self.default!r}, default_factory={self.default_factory!r})"


def field(*, default: Any = MISSING, default_factory: Callable[[], Any] | Any = MISSING, repr: bool = True,
          compare: bool = True) -> Any:
    """A field with options, as `dataclasses.field` (only the options the package uses)."""
    return Field(default, default_factory, repr, compare)


def fields(class_or_instance: Any) -> tuple[Field, ...]:
    """The fields of a record class or instance, in declaration order."""
    try:
        return class_or_instance.__record_fields__
    except AttributeError:
        raise TypeError("must be called with a record type or instance") from None


def is_record(obj: Any) -> bool:
    """True for a record class or instance."""
    return hasattr(obj, "__record_fields__")


def replace(obj: Any, /, **changes: Any) -> Any:
    """A new record like `obj` with `changes`, built by its `__init__` (so `__post_init__` runs)."""
    for f in fields(obj):
        if f.name not in changes:
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)


def record(*, frozen: bool = False, slots: bool = False, order: bool = False) -> Callable[[type], type]:
    """Class decorator: the dataclass `@dataclass(frozen=frozen, slots=slots, order=order)` makes."""
    def wrap(cls: type) -> type:
        return _build(cls, frozen, slots, order)
    return wrap


def _build(cls: type, frozen: bool, slots: bool, order: bool) -> type:
    table = _fields_of(cls)
    names = tuple(f.name for f in table)
    key = _key([f.name for f in table if f.compare])
    ns: dict[str, Any] = {
        "__record_fields__": table,
        "__dataclass_fields__": _DataclassFields(frozen, order),
        "__match_args__": names,
        "__repr__": _repr([f.name for f in table if f.repr]),
        "__eq__": _eq(key),
        "__hash__": _hash(key) if frozen else None,
    }
    if order:
        ns.update(_order(key))
    if frozen and slots:
        ns["__getstate__"], ns["__setstate__"] = _state(names)
    own = cls.__dict__
    made_here = ns.keys() | {"__init__"} | ({"__setattr__", "__delattr__"} if frozen else set())
    clash = sorted(made_here & own.keys())
    if clash:
        raise TypeError(f"record {cls.__name__} defines {clash[0]} itself")
    if own.get("__doc__") is None:
        ns["__doc__"] = f"{cls.__name__}({', '.join(names)})"
    if slots:
        body = {k: v for k, v in own.items() if k not in names and k not in ("__dict__", "__weakref__")}
        body.update(ns, __slots__=names)
        made = type(cls)(cls.__name__, cls.__bases__, body)
        made.__qualname__ = cls.__qualname__
    else:
        made = cls
        for name, value in ns.items():
            setattr(made, name, value)
        for f in table:  # class attributes hold plain defaults, as with dataclasses
            if f.default is MISSING:
                if f.name in own:
                    delattr(made, f.name)
            else:
                setattr(made, f.name, f.default)
    made.__init__ = _on_first_call(made, "__init__", lambda: _init(made, table, frozen))
    if frozen:
        made.__setattr__, made.__delattr__ = _frozen(made, names)
    for name in made_here:
        method = made.__dict__.get(name)
        if callable(method):
            method.__qualname__ = f"{cls.__qualname__}.{name}"
    return made


def _fields_of(cls: type) -> tuple[Field, ...]:
    """The fields the class body declares (its own annotations), checked as `dataclass` checks."""
    if any(hasattr(base, "__record_fields__") for base in cls.__mro__[1:]):
        raise TypeError(f"record {cls.__name__}: records do not inherit fields")
    table = []
    defaulted = None
    for name, kind in cls.__dict__.get("__annotations__", {}).items():
        value = cls.__dict__.get(name, MISSING)
        f = value if isinstance(value, Field) else Field(value, MISSING, True, True)
        f.name, f.type = name, kind
        if isinstance(f.default, (list, dict, set)):
            raise ValueError(f"mutable default {type(f.default)} for field {name} is not allowed: use default_factory")
        if f.default is MISSING and f.default_factory is MISSING:
            if defaulted is not None:
                raise TypeError(f"non-default argument {name!r} follows default argument")
        else:
            defaulted = name
        table.append(f)
    return tuple(table)


def _on_first_call(cls: type, name: str, make: Callable[[], Callable]) -> Callable:
    """A stand-in for the method `name` of `cls` that, when first called, makes the method, puts
    it in its place and calls it: a record that a run never builds costs no
    `exec` (about 0.7 M instructions each, most of what making a record class costs)."""
    def stand_in(*args: Any, **kwargs: Any) -> Any:
        method = make()
        setattr(cls, name, method)
        return method(*args, **kwargs)
    return stand_in


def _init(cls: type, table: tuple[Field, ...], frozen: bool) -> Callable[..., None]:
    """The `__init__` `dataclass` writes: fields in order, defaults, factories, `__post_init__`."""
    namespace: dict[str, Any] = {"_setattr": object.__setattr__, "_HAS_FACTORY": _HAS_FACTORY}
    params, lines = ["self"], []
    for f in table:
        value = f.name
        if f.default_factory is not MISSING:
            namespace[f"_factory_{f.name}"] = f.default_factory
            params.append(f"{f.name}=_HAS_FACTORY")
            value = f"_factory_{f.name}() if {f.name} is _HAS_FACTORY else {f.name}"
        elif f.default is not MISSING:
            namespace[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        else:
            params.append(f.name)
        lines.append(f"_setattr(self, {f.name!r}, {value})" if frozen else f"self.{f.name} = {value}")
    if hasattr(cls, "__post_init__"):
        lines.append("self.__post_init__()")
    source = f"def __init__({', '.join(params)}):\n" + "".join(f" {line}\n" for line in lines or ["pass"])
    exec(source, namespace)  # noqa: S102 (our own source, as `dataclass` writes an `__init__`)
    init = namespace["__init__"]
    init.__annotations__ = {f.name: f.type for f in table} | {"return": None}
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


def _key(names: list[str]) -> Callable[[Any], tuple]:
    """The tuple of the named fields (what eq, hash and ordering compare)."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        get = attrgetter(names[0])
        return lambda obj: (get(obj),)
    return lambda obj: ()


def _repr(names: list[str]) -> Callable[[Any], str]:
    def __repr__(self: Any) -> str:
        return f"{self.__class__.__qualname__}({', '.join([f'{n}={getattr(self, n)!r}' for n in names])})"
    return __repr__


def _eq(key: Callable[[Any], tuple]) -> Callable[[Any, Any], Any]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return key(self) == key(other)
        return NotImplemented
    return __eq__


def _hash(key: Callable[[Any], tuple]) -> Callable[[Any], int]:
    def __hash__(self: Any) -> int:
        return hash(key(self))
    return __hash__


def _order(key: Callable[[Any], tuple]) -> dict[str, Callable[[Any, Any], Any]]:
    def __lt__(self: Any, other: Any) -> Any:
        return key(self) < key(other) if other.__class__ is self.__class__ else NotImplemented

    def __le__(self: Any, other: Any) -> Any:
        return key(self) <= key(other) if other.__class__ is self.__class__ else NotImplemented

    def __gt__(self: Any, other: Any) -> Any:
        return key(self) > key(other) if other.__class__ is self.__class__ else NotImplemented

    def __ge__(self: Any, other: Any) -> Any:
        return key(self) >= key(other) if other.__class__ is self.__class__ else NotImplemented
    return {"__lt__": __lt__, "__le__": __le__, "__gt__": __gt__, "__ge__": __ge__}


def _frozen(cls: type, names: tuple[str, ...]) -> tuple[Callable, Callable]:
    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)
    return __setattr__, __delattr__


def _state(names: tuple[str, ...]) -> tuple[Callable, Callable]:
    """Pickling a frozen slotted record: its field values in order (no `__setattr__` on loading)."""
    def __getstate__(self: Any) -> list:
        return [getattr(self, n) for n in names]

    def __setstate__(self: Any, state: list) -> None:
        for name, value in zip(names, state):
            object.__setattr__(self, name, value)
    return __getstate__, __setstate__


class _DataclassFields:
    """`cls.__dataclass_fields__` of a record, made on first use by `dataclasses.make_dataclass`
    from the same declaration and then kept on the class: the `dataclasses` functions work on
    records, and only code that calls them imports `dataclasses` (with `inspect`, at start-up)."""

    def __init__(self, frozen: bool, order: bool) -> None:
        self.frozen, self.order = frozen, order

    def __get__(self, obj: Any, owner: type) -> dict[str, Any]:
        import dataclasses

        def option(value: Any) -> Any:
            return dataclasses.MISSING if value is MISSING else value

        specs = [(f.name, f.type, dataclasses.field(default=option(f.default), repr=f.repr, compare=f.compare,
                                                    default_factory=option(f.default_factory)))
                 for f in owner.__record_fields__]
        twin = dataclasses.make_dataclass(owner.__name__, specs, frozen=self.frozen, order=self.order)
        table = twin.__dataclass_fields__
        type.__setattr__(owner, "__dataclass_fields__", table)
        return table


def unchecked(cls: type) -> Any:
    """A constructor for the frozen slotted record `cls`, taking every field positionally, at
    about half the cost of `cls(...)`: it makes an instance of a twin (a subclass of `cls` that
    adds no slot and assigns plainly), fills the slots and retypes it to `cls` (CPython checks the
    layouts match at the `__class__` assignment; a subclass that adds nothing passes at once), so
    the result is a plain `cls`. A field that `cls` covers with a property is written through the
    property's setter. It skips `__post_init__`: only for values that need no checks (a caller
    states why its values are valid). The constructor is a plain function (called from Python
    code, it runs in the caller's evaluation loop, where a class call's `__init__` gets a C call
    of its own), and the class attribute `_unchecked` of `cls`, under that name, so `pickle` can
    name it (see `cache`: what was pickled was valid)."""
    names = cls.__slots__
    twin = type(f"unchecked({cls.__name__})", (cls,),
                {"__slots__": (), "__init__": object.__init__, "__setattr__": object.__setattr__,
                 "__delattr__": object.__delattr__, "__module__": cls.__module__})
    source = (f"def _unchecked({', '.join(names)}):\n _obj = _twin()\n"
              + "".join(f" _obj.{n} = {n}\n" for n in names) + " _obj.__class__ = _record\n return _obj\n")
    namespace: dict[str, Any] = {"__name__": cls.__module__, "_twin": twin, "_record": cls}
    new = _compiled_on_first_call(source, "_unchecked", namespace)
    new.__qualname__ = f"{cls.__qualname__}._unchecked"
    type.__setattr__(cls, "_unchecked", new)
    return new


def _compiled_on_first_call(source: str, name: str, namespace: dict[str, Any]) -> Callable:
    """The function `name` that `source` defines in `namespace`, compiled when first called: until
    then a stand-in that, at its first call, runs `source` and takes the code of the function it
    defines as its own. Every reference to the stand-in stays valid, and a function a run never
    calls costs no `exec` (see `_on_first_call`)."""
    def compile_and_call(*args: Any) -> Any:
        exec(source, namespace)  # noqa: S102 (our own source, as `record` writes an `__init__`)
        stand_in.__code__ = namespace[name].__code__
        return stand_in(*args)
    namespace["_compile_and_call"] = compile_and_call
    stand_in = _stand_in.__class__(_stand_in.__code__, namespace, name)
    return stand_in


def _stand_in(*args: Any) -> Any:
    """The code of the stand-ins `_compiled_on_first_call` makes (run with their namespace as globals)."""
    return _compile_and_call(*args)  # noqa: F821 (a global of the stand-in's namespace)
