"""The engine spells the models' choices itself (it imports nothing from Django): these tests keep
both sides in step, so a value added to one side and not the other fails here first."""

import ast
import sys
from pathlib import Path

import pytest

from advising import engine
from advising.engine import scoring, wording
from advising.models import CareerClarity, LearningGoal, NetworkingGoal, WindowKind
from opportunities.models import (
    ApplicationProcess,
    CompensationModel,
    Depth,
    Family,
    Flexibility,
    LearningScope,
    MadeFor,
    NetworkingStyle,
    WorkMode,
)

# (the engine's values, the model's choices, the model's value for "not said": the callers
# leave it out or work it out before the engine sees it)
IN_STEP = {
    "family": (engine.FAMILIES, Family, None),
    "career clarity": (engine.CLARITIES, CareerClarity, None),
    "learning goal": (engine.LEARNING_GOALS, LearningGoal, None),
    "networking goal": (engine.NETWORKING_GOALS, NetworkingGoal, None),
    "networking style": (engine.NETWORKING_STYLES, NetworkingStyle, None),
    "compensation model": (engine.COMPENSATION_MODELS, CompensationModel, None),
    "work mode": (engine.WORK_MODES, WorkMode, WorkMode.NOT_STATED),
    "window kind": (engine.WINDOW_KINDS, WindowKind, WindowKind.UNSAID),
    "made for": (engine.MADE_FOR, MadeFor, None),
    "schedule flexibility": (engine.SCALE, Flexibility, None),
    "exposure depth": (engine.SCALE, Depth, None),
    "learning scope": (engine.SCALE, LearningScope, None),
    "application process": (engine.SCALE, ApplicationProcess, None),
}


@pytest.mark.parametrize(("spelled", "choices", "unsaid"), IN_STEP.values(), ids=IN_STEP)
def test_the_engine_knows_every_choice_of_the_models_and_no_other(spelled, choices, unsaid):
    assert len(set(spelled)) == len(spelled)
    assert set(spelled) == set(choices.values) - {unsaid}


# The engine's own tables, keyed by those values: each must name every one of them.
TABLES = {
    "FAMILY_DEPTH": (scoring.FAMILY_DEPTH, engine.FAMILIES),
    "_SUITS": (wording._SUITS, engine.FAMILIES),
    "CLARITY_DEPTH": (scoring.CLARITY_DEPTH, engine.CLARITIES),
    "INDUSTRY_WEIGHT": (scoring.INDUSTRY_WEIGHT, engine.CLARITIES),
    "_NET_GOAL": (wording._NET_GOAL, engine.NETWORKING_GOALS),
    "_STYLE": (wording._STYLE, engine.NETWORKING_STYLES),
    "_MODE_NAMES": (wording._MODE_NAMES, engine.WORK_MODES),
    "_SCHEDULE": (wording._SCHEDULE, engine.SCALE),
    "_EXPOSURE": (wording._EXPOSURE, engine.SCALE),
    "_SCOPE": (wording._SCOPE, engine.SCALE),
}


@pytest.mark.parametrize(("table", "values"), TABLES.values(), ids=TABLES)
def test_the_engine_tables_cover_every_value(table, values):
    assert set(table) == set(values)


def test_the_engine_imports_only_the_standard_library():
    package = Path(engine.__file__).parent
    for module in sorted(package.glob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(), str(module))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module]
            else:
                continue
            for name in names:
                assert name.split(".")[0] in sys.stdlib_module_names, f"{module.name}: {name}"
