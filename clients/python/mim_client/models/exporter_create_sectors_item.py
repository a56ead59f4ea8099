from enum import StrEnum


class ExporterCreateSectorsItem(StrEnum):
    AERONAUTICS = "aeronautics"
    AGRICULTURE = "agriculture"
    AGRIFOOD = "agrifood"
    AUTOMOTIVE = "automotive"
    BUILDING_MATERIALS = "building-materials"
    CHEMICALS = "chemicals"
    COSMETICS = "cosmetics"
    CRAFTS = "crafts"
    DIGITAL = "digital"
    FISHERIES = "fisheries"
    LEATHER = "leather"
    LOGISTICS = "logistics"
    MEDIA_COMMUNICATION = "media-communication"
    MINING = "mining"
    PHARMA = "pharma"
    RENEWABLE_ENERGY = "renewable-energy"
    TEXTILE = "textile"

    def __str__(self) -> str:
        return str(self.value)
