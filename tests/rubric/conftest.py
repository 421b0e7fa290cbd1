from pathlib import Path
from typing import Any

import pytest
import yaml

from chiso import rubric

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="session")
def framework() -> rubric.Framework:
    return rubric.load_framework("qd4725-2022")


def load_example(name: str) -> dict[str, Any]:
    return yaml.safe_load((EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8"))


def full_facts(**overrides: Any) -> dict[str, Any]:
    """Every fact of the 4725 index answered, a school at the top of every band."""
    facts: dict[str, Any] = {
        "online_teaching_plan": True,
        "online_teaching_regulation": True,
        "live_teaching_software": True,
        "lms_deployed": True,
        "lms_assign_self_study": True,
        "lms_teacher_answers": True,
        "lms_regular_assessment": True,
        "lms_parent_participation": True,
        "approved_digital_materials": 50,
        "computer_room_exams": True,
        "exam_software_linked": True,
        "teachers_total": 40,
        "teachers_with_training_account": 40,
        "teachers_using_teaching_tools": 40,
        "teachers_building_materials": 40,
        "classrooms_total": 20,
        "classrooms_equipped": 20,
        "informatics_level": "3",
        "studio_room": True,
        "it_steering_body": True,
        "it_plan": True,
        "mgmt_usage_regulation": True,
        "student_module": True,
        "e_gradebook": True,
        "e_transcript": True,
        "staff_module": True,
        "facilities_module": True,
        "school_health_module": True,
        "accounting_module": True,
        "sector_db_exchange": True,
        "family_school_app": True,
        "online_admission": True,
        "cashless_fees": True,
    }
    facts.update(overrides)
    return facts
