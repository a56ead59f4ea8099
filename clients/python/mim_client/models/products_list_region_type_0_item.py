from enum import StrEnum


class ProductsListRegionType0Item(StrEnum):
    MA_01 = "MA-01"
    MA_02 = "MA-02"
    MA_03 = "MA-03"
    MA_04 = "MA-04"
    MA_05 = "MA-05"
    MA_06 = "MA-06"
    MA_07 = "MA-07"
    MA_08 = "MA-08"
    MA_09 = "MA-09"
    MA_10 = "MA-10"
    MA_11 = "MA-11"
    MA_12 = "MA-12"

    def __str__(self) -> str:
        return str(self.value)
